import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/engine/money.js';
import { projectPopulations } from '../../src/simulate/project-population.js';
import { projectSeries } from '../../src/simulate/project-index.js';
import { point, populationTable, syntec } from '../fixtures/dataset.js';

describe('projectPopulations', () => {
  const known = new Map([[2026, populationTable(2026, { '69081': [17944, 18243], '69071': [10, 12] })]]);

  it('projects the last known figures × (1 + rate)^years, rounded half up to whole inhabitants', () => {
    const { tables, projected } = projectPopulations(known, [2026, 2027, 2028], new Decimal('0.05'));
    expect(projected).toEqual([
      { exercice: 2027, depuis: 2026 },
      { exercice: 2028, depuis: 2026 },
    ]);
    expect(tables.get(2027)!.byCommune.get('69071')).toMatchObject({ municipale: 11, totale: 13 }); // 10,5 → 11 ; 12,6 → 13
    expect(tables.get(2028)!.byCommune.get('69081')!.totale).toBe(20113); // 18 243 × 1,1025 = 20 112,9
    expect(tables.get(2026)).toBe(known.get(2026));
  });

  it('does not project backwards', () => {
    expect(projectPopulations(known, [2025], new Decimal(0)).tables.has(2025)).toBe(false);
  });
});

describe('projectSeries (yearly step)', () => {
  const series = syntec([point('2025-01', '315.2', '2025-02-28'), point('2025-10', '322.2', '2025-11-28')]);

  it('keeps the last value for 11 months, then grows by the yearly rate every 12 months', () => {
    const { projected } = projectSeries(series, '2026-11', new Decimal('0.02'));
    expect(projected.map((p) => p.mois)).toEqual([
      '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04',
      '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11',
    ]);
    expect(projected[0].valeur.toString()).toBe('322.2');
    expect(projected[10].valeur.toString()).toBe('322.2');
    expect(projected[11].valeur.toString()).toBe('328.644');
    expect(projected[0].publieLe).toBe('2025-12-31');
    expect(projected[3].publieLe).toBe('2026-03-31');
  });

  it('leaves a series that already reaches the month untouched', () => {
    const { series: out, projected } = projectSeries(series, '2025-10', new Decimal('0.02'));
    expect(projected).toEqual([]);
    expect(out).toBe(series);
  });
});
