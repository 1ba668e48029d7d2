/** The placeholder values of a titre, computed from its view (French display forms). */
import { formatDateFr } from '../engine/dates.js';
import { bordereauShort } from '../engine/bordereaux.js';
import { dec, toAmountString } from '../engine/money.js';
import type { TitreView } from './views.js';
import { amountInWordsFr } from './amount-in-words.js';
import { deName, familyName, formatAmountFr } from './french-format.js';

export interface TitreValues {
  /** Every placeholder value, by name. */
  values: Record<string, string>;
  /** Canonical amount of the document ("1210.00"). */
  montant: string;
}

export function titreValues(view: TitreView, previewNumero: string): TitreValues {
  const { document: d, config, commune, service } = view;
  const issuer = config.emetteur;
  const montant = toAmountString(d.montant);
  const numero = view.preview || view.numero === null ? previewNumero : String(view.numero);
  const bordereau =
    view.preview || view.bordereau === null
      ? previewNumero
      : view.bordereauNature
        ? bordereauShort(view.bordereauNature, view.bordereau)
        : String(view.bordereau);
  const values: Record<string, string> = {
    exercice: String(d.exercice),
    numero,
    bordereau,
    dateEmission: formatDateFr(view.dateEmission),
    dateEcheance: formatDateFr(view.dateEcheance),
    emetteur: issuer.nom,
    commune: commune.nom,
    deCommune: deName(commune.nom),
    siren: commune.siren,
    siret: commune.siret ?? '',
    codePostal: commune.codePostal,
    ville: commune.ville,
    service: service.libelle,
    reference: config.convention.reference,
    deliberation: config.convention.deliberation ?? '',
    montant: formatAmountFr(montant),
    lettres: amountInWordsFr(montant),
    chapitre: service.imputation.chapitre ?? '',
    nature: service.imputation.nature ?? '',
    fonction: service.imputation.fonction ?? '',
    comptable: issuer.comptable.nom,
    adresse: issuer.comptable.adresse.join(', '),
    iban: issuer.comptable.iban,
    bic: issuer.comptable.bic,
    prenom: issuer.signataire.prenom,
    nom: familyName(issuer.signataire.nom),
    qualite: issuer.signataire.qualite,
    delegation: issuer.signataire.delegation ?? '',
    tribunal: issuer.tribunal.nom,
    tribunalAdresse: issuer.tribunal.adresse,
    motif: d.motif ?? '',
  };
  return { values, montant };
}

/** Values of the « réduit le titre n° … » sentence and the new balance, for reductions. */
export function origineValues(view: TitreView, montant: string): Record<string, string> | undefined {
  const o = view.origine;
  if (!o) return undefined;
  return {
    numero: String(o.numero),
    exercice: String(o.exercice),
    dateEmission: formatDateFr(o.dateEmission),
    montant: formatAmountFr(o.montant),
    netAvant: formatAmountFr(o.netAvant),
    solde: formatAmountFr(toAmountString(dec(o.netAvant).minus(dec(montant)))),
  };
}
