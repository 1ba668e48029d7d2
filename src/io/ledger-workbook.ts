/**
 * A ledger's workbook (OUT/registres/<service>/<code_insee>-<slug>.xlsx, `--excel`): the ledger CSV
 * (the machine form, in either of our CSV forms) as a workbook, regenerated from the whole CSV each
 * time the CSV changes. French titles with units, corrections negative with the titre's net after
 * each document (R10), a total row.
 */
import { dec, toAmountString } from '../engine/money.js';
import { readOurCsv } from './csv-write.js';
import type { WorkbookCellKind, WorkbookColumn, WorkbookSpec, WorkbookValue } from './workbook.js';
import { DOCUMENT_TYPE_LABELS } from './journal-excel.js';
import { LEDGER_COLUMNS } from './ledger-row.js';

const TITLES: Record<string, [string, WorkbookCellKind]> = {
  exercice: ['Exercice', 'integer'],
  numero: ['N° du document', 'integer'],
  bordereau: ['N° de bordereau', 'integer'],
  date_emission: ['Date d’émission', 'date'],
  type: ['Type', 'text'],
  titre_origine: ['Titre d’origine (exercice-n°)', 'text'],
  code_insee: ['Code INSEE', 'code'],
  commune: ['Commune', 'text'],
  siren: ['SIREN', 'code'],
  service: ['Service', 'text'],
  regime: ['Régime', 'text'],
  converge: ['Convergé', 'text'],
  population: ['Population (habitants)', 'integer'],
  population_type: ['Population retenue', 'text'],
  population_fichier: ['Fichier de population', 'text'],
  indice_mois: ['Mois de l’indice', 'month'],
  indice_valeur: ['Indice Syntec', 'decimal'],
  indice_publie_le: ['Indice publié le', 'date'],
  indice_reference_mois: ['Mois de l’indice de référence', 'month'],
  indice_reference_valeur: ['Indice de référence', 'decimal'],
  coefficient: ['Coefficient de révision', 'decimal'],
  forfait: ['Forfait (€)', 'amount'],
  par_habitant: ['Montant par habitant (€/hab.)', 'decimal'],
  options: ['Options (€)', 'amount'],
  contribution_cible: ['Contribution-cible (€)', 'amount'],
  montant_anterieur: ['Montant antérieur (€)', 'amount'],
  montant_precedent: ['Montant de l’exercice précédent (€)', 'amount'],
  plafond: ['Plafond de convergence (€)', 'amount'],
  jours: ['Jours facturés (j)', 'integer'],
  jours_annee: ['Jours de l’exercice (j)', 'integer'],
  montant: ['Montant (€, corrections en négatif)', 'amount'],
  net_apres: ['Net du titre après ce document (€)', 'amount'],
  motif: ['Motif', 'text'],
  fichier: ['Fichier', 'text'],
};

export const LEDGER_WORKBOOK_COLUMNS: readonly WorkbookColumn[] = LEDGER_COLUMNS.map((c) => {
  const [header, kind] = TITLES[c.key];
  return { header, kind, ...(c.key === 'montant' ? { total: true } : {}) };
});

/** `69081-ecully.csv` → `69081-ecully.xlsx`. */
export const ledgerWorkbookName = (csvName: string): string => csvName.replace(/\.csv$/, '.xlsx');

function cellOf(key: string, record: Record<string, string>): WorkbookValue {
  const v = record[key];
  if (v === undefined || v === '') return undefined;
  if (key === 'type') return DOCUMENT_TYPE_LABELS[v as 'titre'] ?? v;
  if (key === 'montant' && record.type !== 'titre' && /^\d+(\.\d+)?$/.test(v)) return toAmountString(dec(v).negated());
  return v;
}

export function ledgerWorkbook(csvText: string, author: string): WorkbookSpec {
  const records = readOurCsv(csvText);
  const first = records[0] ?? {};
  const date = records.reduce((max, r) => (r.date_emission > max ? r.date_emission : max), '2000-01-01');
  return {
    title: `Registre ${first.service ?? ''} — ${first.commune ?? ''} (${first.code_insee ?? ''})`,
    author,
    date,
    sheets: [{ name: 'Registre', columns: LEDGER_WORKBOOK_COLUMNS, rows: records.map((r) => LEDGER_COLUMNS.map((c) => cellOf(c.key, r))) }],
  };
}
