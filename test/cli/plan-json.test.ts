/**
 * issue --json is written in chunks (issue 12: the JSON of a national plan is ~100 MB, and was 830
 * MB of memory when held whole): the chunks, joined, must be exactly what JSON.stringify writes
 * for the same body (data-contract.md « Machine output »), whatever the count of titres.
 */
import { describe, expect, it } from 'vitest';
import { planJsonChunks, type NumberedDocument } from '../../src/cli/format/plan-json.js';
import { dec } from '../../src/engine/money.js';
import type { Plan, PlannedDocument } from '../../src/engine/plan-types.js';

function titre(i: number): PlannedDocument {
  return {
    type: 'titre',
    exercice: 2026,
    codeInsee: String(69000 + i),
    commune: `Commune « ${i} »\n`, // a quote and a line break in a name: escaped, never layout
    service: 'laclasse',
    montant: dec('1210.00'),
    contributionCible: dec('1425.55'),
    regime: 'transitoire',
    converge: false,
    liquidation: [{ ref: 'R4 – art. 10.1', libelle: 'Contribution-cible', montant: '1425.55', source: `populations/2026.csv, ligne ${i}` }],
    figures: {},
  };
}

function plan(count: number): { plan: Plan; numbered: NumberedDocument[] } {
  const documents = Array.from({ length: count }, (_, i) => titre(i));
  return {
    plan: {
      exercice: 2026,
      dateEmission: '2026-06-15',
      documents,
      sansTitre: [{ codeInsee: '69278', commune: 'Genay', service: 'geonet', motif: 'gratuit', detail: 'service gratuit' }],
      avertissements: [],
      total: dec('1210.00').times(count),
      totalReductions: dec('0'),
    },
    numbered: documents.map((document, i) => ({ document, numero: i + 1, bordereau: 1, edition: '02' as const })),
  };
}

describe('planJsonChunks', () => {
  it.each([0, 1, 450])('%i titres: the chunks make the bytes of JSON.stringify(body, null, 2), one chunk per 200 titres', (count) => {
    const { plan: p, numbered } = plan(count);
    const chunks = [...planJsonChunks(p, numbered, false, { repercussions: [] })];
    const text = chunks.join('');
    const body = JSON.parse(text);
    expect(text).toBe(JSON.stringify(body, null, 2) + '\n');
    expect(Object.keys(body)).toEqual(['schema', 'exercice', 'date_emission', 'dry_run', 'titres', 'sans_titre', 'avertissements', 'total', 'total_reductions', 'repercussions']);
    expect(body.titres).toHaveLength(count);
    expect(chunks).toHaveLength(Math.max(1, Math.ceil(count / 200)));
    if (count > 0) {
      expect(body.titres[count - 1]).toMatchObject({ numero: count, commune: `Commune « ${count - 1} »\n`, montant: '1210.00', contribution_cible: '1425.55' });
      expect(body.titres[0].liquidation).toEqual([{ ref: 'R4 – art. 10.1', libelle: 'Contribution-cible', montant: '1425.55', source: 'populations/2026.csv, ligne 0' }]);
    }
    expect(body.total).toBe(dec('1210.00').times(count).toFixed(2));
  });
});
