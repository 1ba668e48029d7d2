/** The placeholder values of a titre, computed from its view (French display forms). */
import { motifForDocument } from '../engine/breach-refund.js';
import { bordereauShort } from '../engine/bordereaux.js';
import { dec, toAmountString } from '../engine/money.js';
import { hasBordereau } from '../engine/plan-types.js';
import type { TitreView } from './views.js';
import { amountInWordsFr } from './amount-in-words.js';
import { signatoryValues } from './avis-parts.js';
import { deName, formatAmountFr, formatDateFr } from '../engine/french-format.js';

export interface TitreValues {
  /** Every placeholder value, by name. */
  values: Record<string, string>;
  /** Canonical amount of the document ("1210.00"). */
  montant: string;
}

/** The placeholder values; a preview has no number (its wording omits them: README, issue 11). */
export function titreValues(view: TitreView): TitreValues {
  const { document: d, config, commune, service } = view;
  const issuer = config.emetteur;
  const montant = toAmountString(d.montant);
  const numero = view.preview || view.numero === null ? '' : String(view.numero);
  // Bordereaux are numbered per type (« 3 (titres) », « 1 (réductions) »); a statement of compte 673
  // (etat_annulation) has none (R10 « Closed exercice »).
  const bordereau =
    view.preview || view.bordereau === null || !hasBordereau(d.type)
      ? ''
      : view.bordereauNature
        ? bordereauShort(view.bordereauNature, view.bordereau)
        : String(view.bordereau);
  const contact = issuer.service;
  const values: Record<string, string> = {
    exercice: String(d.exercice),
    numero,
    bordereau,
    dateEmission: formatDateFr(view.dateEmission),
    dateEcheance: formatDateFr(view.dateEcheance),
    emetteur: issuer.nom,
    commune: commune.nom,
    deCommune: deName(commune.nom),
    codeInsee: commune.codeInsee,
    siren: commune.siren,
    interlocuteur: contact?.interlocuteur ?? '',
    telephone: contact?.telephone ?? '',
    courriel: contact?.courriel ?? '',
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
    ...signatoryValues(issuer),
    tribunal: issuer.tribunal.nom,
    tribunalAdresse: issuer.tribunal.adresse,
    motif: sentenceCase(motifForDocument(d.motif ?? '')),
    ...origineValues(view, montant),
  };
  return { values, montant };
}

/** « régularisation : … » → « Régularisation : … » (a motif opens its line on the page). */
function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The original titre of a correction and its amount after the correction (R10). */
function origineValues(view: TitreView, montant: string): Record<string, string> {
  const o = view.origine;
  const ref = view.document.titreOrigine;
  if (!o) return ref ? { numeroOrigine: String(ref.numero), exerciceOrigine: String(ref.exercice) } : {};
  return {
    numeroOrigine: String(o.numero),
    exerciceOrigine: String(o.exercice),
    dateOrigine: formatDateFr(o.dateEmission),
    montantOrigine: formatAmountFr(o.montant),
    solde: formatAmountFr(toAmountString(dec(o.netAvant).minus(dec(montant)))),
  };
}
