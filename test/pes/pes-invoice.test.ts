/**
 * The PES_Facture lines of a titre come from its liquidation (the PlannedDocument the PDF prints):
 * one per element of the amount, adding up exactly to the titre's amount, or one line when the
 * amount is not such a sum (R5 cap).
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { Dataset } from '../../src/engine/dataset.js';
import { EMPTY_HISTORY } from '../../src/engine/history.js';
import { Decimal, sum } from '../../src/engine/money.js';
import { planExercice } from '../../src/engine/plan-exercice.js';
import type { PlannedDocument } from '../../src/engine/plan-types.js';
import { readDataset } from '../../src/io/read-dataset.js';
import { invoiceLines, invoiceNumber } from '../../src/pes/pes-invoice.js';

const total = (lines: { montant: string }[]): string => sum(lines.map((l) => new Decimal(l.montant))).toFixed(2);

test('NumeroFacture: exercice and titre number, stable and within Base_NumFactureCPP20', () => {
  expect(invoiceNumber(2026, 6)).toBe('2026-00006');
  expect(invoiceNumber(2027, 123456)).toBe('2027-123456');
  expect(invoiceNumber(2026, 99_999_999)).toMatch(/^[-0-9]{1,20}$/);
});

describe('invoice lines of the samples 2026', () => {
  let dataset: Dataset;
  let titres: PlannedDocument[];
  const find = (insee: string, service: string): PlannedDocument => titres.find((d) => d.codeInsee === insee && d.service === service)!;
  const linesOf = (d: PlannedDocument): ReturnType<typeof invoiceLines> =>
    invoiceLines(d, dataset.config.services.get(d.service)!.libelle, `objet ${d.codeInsee}`);

  beforeAll(async () => {
    dataset = (await readDataset('samples/metropole-de-lyon')).dataset;
    titres = planExercice(dataset, EMPTY_HISTORY, { exercice: 2026, dateEmission: '2026-09-15' }).documents;
  });

  test('every titre: lines strictly positive, adding up to the titre amount exactly', () => {
    expect(titres.length).toBeGreaterThan(20);
    for (const d of titres) {
      const lines = linesOf(d);
      expect(total(lines), d.codeInsee).toBe(d.montant.toFixed(2));
      for (const l of lines) expect(new Decimal(l.montant).gt(0)).toBe(true);
    }
  });

  test('R6 prorata (Albigny, E5): forfait prorated and indexed, part par habitant indexed, 281,05 €', () => {
    const lines = linesOf(find('69003', 'laclasse'));
    expect(lines.map((l) => [l.montant, l.dateDebut, l.dateFin])).toEqual([
      ['90.74', '2026-09-15', '2026-12-31'],
      ['190.31', '2026-09-15', '2026-12-31'],
    ]);
    expect(lines[0].libelle).toContain('300,00 € × 108/365 jours × coefficient Syntec 1,022208');
    expect(lines[1].libelle).toMatch(/^Part par habitant : 0,06 € × 3\s103 hab\. × coefficient Syntec 1,022208$/);
  });

  test('R4 full target (Irigny): forfait and part par habitant, the rounding difference on the largest line', () => {
    const d = find('69100', 'laclasse');
    expect(d.regime).toBe('cible');
    const lines = linesOf(d);
    expect(lines).toHaveLength(2);
    expect(lines[0].libelle).toMatch(/^Forfait laclasse\.com.* 2026 : 300,00 € × coefficient Syntec 1,022208$/);
    expect(lines[0].montant).toBe('306.66');
  });

  test('R5 capped (Écully, E2): one line, the liquidation step that gives 1 210,00 €', () => {
    const lines = linesOf(find('69081', 'laclasse'));
    expect(lines).toHaveLength(1);
    expect(lines[0].montant).toBe('1210.00');
    expect(lines[0].libelle).toMatch(/^Contribution 2026 laclasse\.com.* : Montant = min\(.*1\s210,00 €/);
  });
});

test('options are a line of their own; a sum that does not give the amount falls back to one line', () => {
  const doc: PlannedDocument = {
    type: 'titre', exercice: 2026, codeInsee: '69266', commune: 'Villeurbanne', service: 'toodego', montant: new Decimal('4110.17'),
    regime: 'cible', liquidation: [],
    figures: {
      forfait: '500.00', parHabitant: '0.02', population: 150000, optionsMontant: '500.00', optionsDetail: 'connecteurs=2×250.00',
      indiceValeur: '322.2', indiceReferenceValeur: '315.2', coefficient: '1.022208121827',
    },
  };
  // (500 + 500 + 0.02 × 150 000) × 322.2 / 315.2 = 4 088.83 + … : computed exactly below
  const exact = new Decimal(4000).times('322.2').div('315.2');
  doc.montant = exact.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const lines = invoiceLines(doc, 'Toodego', 'objet');
  expect(lines.map((l) => l.libelle.split(' :')[0])).toEqual(['Forfait Toodego 2026', 'Options (connecteurs=2×250.00)', 'Part par habitant']);
  expect(total(lines)).toBe(doc.montant.toFixed(2));
  const wrong = { ...doc, montant: doc.montant.plus('0.05') };
  expect(invoiceLines(wrong, 'Toodego', 'objet').map((l) => [l.libelle, l.montant])).toEqual([['objet', wrong.montant.toFixed(2)]]);
});
