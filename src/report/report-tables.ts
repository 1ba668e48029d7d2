/**
 * The report's tables, once, for both its PDF and its workbook (the same figures in both): each a
 * workbook sheet (French titles with units, typed cells).
 */
import { toAmountString, type Decimal } from '../engine/money.js';
import type { WorkbookSheet, WorkbookSpec } from '../io/workbook.js';
import type { AdhesionEvent, AnnualReport } from './annual-report.js';

const amount = (d: Decimal | undefined): string | undefined => (d === undefined ? undefined : toAmountString(d));
const ratio = (d: Decimal | null | undefined): string | undefined => (d === undefined || d === null ? undefined : d.toDecimalPlaces(4).toFixed(4));

export const REGIME_LABELS: Record<string, string> = { cible: 'cible', transitoire: 'transitoire', prorata: 'prorata' };

export function convergenceLabel(year: number | null, horizon: number): string {
  return year === null ? `après ${horizon}` : String(year);
}

export function totalsSheet(report: AnnualReport): WorkbookSheet {
  const { year } = report;
  return {
    name: 'Totaux par service',
    columns: [
      { header: 'Service', kind: 'text' },
      { header: `Exercice ${year - 1} (€)`, kind: 'amount', total: true },
      { header: `Exercice ${year} (€)`, kind: 'amount', total: true },
      { header: 'Évolution (€)', kind: 'amount', total: true },
      { header: 'Évolution (%)', kind: 'percent' },
    ],
    rows: report.totals.map((t) => [t.libelle, amount(t.previous), amount(t.current), amount(t.change), ratio(t.changeRate)]),
  };
}

export function communesSheet(report: AnnualReport): WorkbookSheet {
  return {
    name: 'Communes',
    columns: [
      { header: 'Code INSEE', kind: 'code' },
      { header: 'Commune', kind: 'text' },
      { header: 'Service', kind: 'text' },
      { header: 'N° du titre', kind: 'integer' },
      { header: 'Montant du titre (€)', kind: 'amount', total: true },
      { header: 'Corrections (€)', kind: 'amount', total: true },
      { header: 'Remboursements pour manquement (€)', kind: 'amount', total: true },
      { header: 'Net facturé (€)', kind: 'amount', total: true },
      { header: 'Contribution-cible (€)', kind: 'amount', total: true },
      { header: 'Part de la cible atteinte (%)', kind: 'percent' },
      { header: 'Régime', kind: 'text' },
      { header: 'Cible atteinte en (année)', kind: 'text' },
      { header: 'Population (habitants)', kind: 'integer' },
    ],
    rows: report.communes.map((c) => [
      c.codeInsee,
      c.commune,
      c.service,
      c.numero,
      amount(c.montant),
      amount(c.corrections.negated()),
      amount(c.remboursements.negated()),
      amount(c.net),
      amount(c.cible),
      ratio(c.part),
      c.regime ? REGIME_LABELS[c.regime] : undefined,
      convergenceLabel(c.anneeConvergence, report.horizon),
      c.population,
    ]),
  };
}

export function byYearSheet(report: AnnualReport): WorkbookSheet {
  return {
    name: 'Par exercice',
    columns: [
      { header: 'Service', kind: 'text' },
      { header: 'Exercice', kind: 'integer' },
      { header: 'Net facturé (€)', kind: 'amount' },
    ],
    rows: report.byYear.flatMap((s) => s.years.map((y) => [s.libelle, y.exercice, amount(y.net)])),
  };
}

export function adhesionsSheet(report: AnnualReport): WorkbookSheet {
  const { started, ended, noticePending } = report.adhesions;
  const rows: Array<[string, AdhesionEvent]> = [
    ...started.map((e): [string, AdhesionEvent] => ['début', e]),
    ...ended.map((e): [string, AdhesionEvent] => ['fin', e]),
    ...noticePending.map((e): [string, AdhesionEvent] => ['préavis en cours', e]),
  ];
  return {
    name: 'Adhésions',
    columns: [
      { header: 'Événement', kind: 'text' },
      { header: 'Date', kind: 'date' },
      { header: 'Code INSEE', kind: 'code' },
      { header: 'Commune', kind: 'text' },
      { header: 'Service', kind: 'text' },
      { header: 'Détail', kind: 'text' },
    ],
    rows: rows.map(([what, e]) => [what, e.date, e.codeInsee, e.commune, e.service, e.detail]),
  };
}

export function indicesSheet(report: AnnualReport): WorkbookSheet {
  return {
    name: 'Indices',
    columns: [
      { header: 'Service', kind: 'text' },
      { header: 'Mois de l’indice', kind: 'month' },
      { header: 'Indice Syntec', kind: 'decimal' },
      { header: 'Mois de référence', kind: 'month' },
      { header: 'Indice de référence', kind: 'decimal' },
      { header: 'Coefficient de révision', kind: 'decimal' },
      { header: 'Titres (nombre)', kind: 'integer' },
    ],
    rows: report.indices.map((i) => [i.service, i.indiceMois, i.indiceValeur, i.indiceReferenceMois, i.indiceReferenceValeur, i.coefficient, i.titres]),
  };
}

export function populationsSheet(report: AnnualReport): WorkbookSheet {
  return {
    name: 'Populations',
    columns: [
      { header: 'Code INSEE', kind: 'code' },
      { header: 'Commune', kind: 'text' },
      { header: 'Population (habitants)', kind: 'integer' },
      { header: 'Fichier', kind: 'text' },
    ],
    rows: report.populations.map((p) => [p.codeInsee, p.commune, p.population, p.fichier]),
  };
}

export function reportTitle(report: AnnualReport): string {
  return `Bilan annuel de la convention-cadre — exercice ${report.year}`;
}

export function reportWorkbook(report: AnnualReport, date: string): WorkbookSpec {
  return {
    title: reportTitle(report),
    author: report.emetteur,
    date,
    sheets: [totalsSheet(report), communesSheet(report), byYearSheet(report), adhesionsSheet(report), indicesSheet(report), populationsSheet(report)],
  };
}
