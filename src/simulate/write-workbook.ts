/**
 * The workbook of `titres simulate --excel FILE`: the projection, one row per adhesion and
 * exercice (the CSV's content with French titles and units), and a sheet of the amounts by commune
 * and exercice with a total per exercice.
 */
import { toAmountString } from '../engine/money.js';
import type { WorkbookColumn, WorkbookSpec, WorkbookValue } from '../io/workbook.js';
import type { Simulation } from './types.js';

const yesNo = (b: boolean): string => (b ? 'oui' : 'non');

const PROJECTION_COLUMNS: readonly WorkbookColumn[] = [
  { header: 'Code INSEE', kind: 'code' },
  { header: 'Commune', kind: 'text' },
  { header: 'Service', kind: 'text' },
  { header: 'Exercice', kind: 'integer' },
  { header: 'Contribution-cible (€)', kind: 'amount' },
  { header: 'Plafond de convergence (€)', kind: 'amount' },
  { header: 'Montant projeté (€)', kind: 'amount', total: true },
  { header: 'Régime', kind: 'text' },
  { header: 'Convergé', kind: 'text' },
  { header: 'Population projetée', kind: 'text' },
  { header: 'Indice projeté', kind: 'text' },
  { header: 'Sans titre : raison', kind: 'text' },
];

export function simulationWorkbook(simulation: Simulation, author: string): WorkbookSpec {
  const { from, to } = simulation.range;
  const years = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const projection = simulation.adhesions.flatMap((a) =>
    a.rows.map((row): WorkbookValue[] => {
      const common = [a.codeInsee, a.commune, a.service, row.exercice];
      const flags = [yesNo(row.projected.population), yesNo(row.projected.index)];
      if (row.kind === 'sans_titre') return [...common, undefined, undefined, undefined, undefined, undefined, ...flags, row.detail];
      return [
        ...common,
        toAmountString(row.contributionCible),
        row.plafond ? toAmountString(row.plafond) : undefined,
        toAmountString(row.montant),
        row.regime,
        yesNo(row.converge),
        ...flags,
        undefined,
      ];
    }),
  );
  const byYear: WorkbookColumn[] = [
    { header: 'Code INSEE', kind: 'code' },
    { header: 'Commune', kind: 'text' },
    { header: 'Service', kind: 'text' },
    ...years.map((y): WorkbookColumn => ({ header: `${y} (€)`, kind: 'amount', total: true })),
    { header: 'Année de convergence', kind: 'integer' },
  ];
  const pivot = simulation.adhesions.map((a): WorkbookValue[] => [
    a.codeInsee,
    a.commune,
    a.service,
    ...years.map((y) => {
      const row = a.rows.find((r) => r.exercice === y);
      return row?.kind === 'titre' ? toAmountString(row.montant) : undefined;
    }),
    a.anneeConvergence ?? undefined,
  ]);
  return {
    title: `Projection des contributions ${from}-${to}`,
    author,
    date: `${from}-01-01`,
    sheets: [
      { name: 'Projection', columns: PROJECTION_COLUMNS, rows: projection },
      { name: 'Montants par exercice', columns: byYear, rows: pivot },
    ],
  };
}
