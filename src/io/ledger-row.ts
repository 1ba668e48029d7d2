/**
 * One line of a ledger (OUT/registres/<service>/<code_insee>-<slug>.csv): a titre or a réduction
 * of the pair, with every liquidation figure (plan-types.ts Figures), in canonical machine form.
 */
import type { Commune } from '../engine/dataset.js';
import type { IsoDate } from '../engine/dates.js';
import { amountStringOfText, toAmountString, type Decimal } from '../engine/money.js';
import { contributionCibleText, montantText, type PlannedDocument } from '../engine/plan-types.js';
import { createHash } from 'node:crypto';
import { csvLines, type CellKind, type CsvColumn, type CsvRow } from './csv-write.js';
import { formatTitreRef } from './journal-format.js';

const col = (key: string, kind: CellKind): CsvColumn => ({ key, header: key, kind });

export const LEDGER_COLUMNS: readonly CsvColumn[] = [
  col('exercice', 'integer'),
  col('numero', 'integer'),
  col('bordereau', 'integer'),
  col('date_emission', 'text'),
  col('type', 'text'),
  col('titre_origine', 'text'),
  col('code_insee', 'text'),
  col('commune', 'text'),
  col('siren', 'text'),
  col('service', 'text'),
  col('regime', 'text'),
  col('converge', 'text'),
  col('population', 'integer'),
  col('population_type', 'text'),
  col('population_fichier', 'text'),
  col('indice_mois', 'text'),
  col('indice_valeur', 'decimal'),
  col('indice_publie_le', 'text'),
  col('indice_reference_mois', 'text'),
  col('indice_reference_valeur', 'decimal'),
  col('coefficient', 'decimal'),
  col('forfait', 'amount'),
  col('par_habitant', 'decimal'),
  col('options', 'amount'),
  col('contribution_cible', 'amount'),
  col('montant_anterieur', 'amount'),
  col('montant_precedent', 'amount'),
  col('plafond', 'amount'),
  col('jours', 'integer'),
  col('jours_annee', 'integer'),
  col('montant', 'amount'),
  col('net_apres', 'amount'),
  col('motif', 'text'),
  col('fichier', 'text'),
];

export interface LedgerNumbers {
  numero: number;
  bordereau: number;
  dateEmission: IsoDate;
  fichier: string;
  /** Net amount of the titre concerned after this document (R10). */
  netApres: Decimal;
}

const str = (v: number | string | undefined): string | undefined => (v === undefined ? undefined : String(v));

export function ledgerRow(doc: PlannedDocument, n: LedgerNumbers, commune: Commune | undefined): CsvRow {
  const f = doc.figures;
  const cible = contributionCibleText(doc);
  return {
    exercice: String(doc.exercice),
    numero: String(n.numero),
    bordereau: n.bordereau > 0 ? String(n.bordereau) : undefined,
    date_emission: n.dateEmission,
    type: doc.type,
    titre_origine: doc.titreOrigine ? formatTitreRef(doc.titreOrigine) : undefined,
    code_insee: doc.codeInsee,
    commune: doc.commune,
    siren: commune?.siren,
    service: doc.service,
    regime: doc.regime,
    converge: doc.converge === undefined ? undefined : doc.converge ? 'oui' : 'non',
    population: str(f.population),
    population_type: f.populationType,
    population_fichier: f.populationFichier,
    indice_mois: f.indiceMois,
    indice_valeur: f.indiceValeur,
    indice_publie_le: f.indicePublieLe,
    indice_reference_mois: f.indiceReferenceMois,
    indice_reference_valeur: f.indiceReferenceValeur,
    coefficient: f.coefficient,
    forfait: f.forfait,
    par_habitant: f.parHabitant,
    options: f.optionsMontant,
    contribution_cible: cible !== undefined ? amountStringOfText(cible) : f.contributionCible,
    montant_anterieur: f.montantAnterieur,
    montant_precedent: f.montantPrecedent,
    plafond: f.plafond,
    jours: str(f.joursFactures),
    jours_annee: str(f.joursAnnee),
    montant: amountStringOfText(montantText(doc)),
    net_apres: toAmountString(n.netApres),
    motif: doc.motif?.replace(/[\r\n]+/g, ' '),
    fichier: n.fichier,
  };
}

/**
 * sha256 of a ledger row in canonical form (the machine CSV line, whatever the ledger's format):
 * the journal keeps it (`empreinte_registre`) so that an edited ledger cell shows.
 */
export function ledgerRowSha256(row: CsvRow): string {
  return createHash('sha256').update(csvLines(LEDGER_COLUMNS, [row], { excel: false })).digest('hex');
}
