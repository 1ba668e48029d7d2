/**
 * A populations file's figures held beside the communes (issue 12, flat memory): read as the map
 * the reader gave, in code order; Lyon's sum of arrondissements and codes outside the communes as read.
 */
import { describe, expect, it } from 'vitest';
import { CommuneTable } from '../../src/engine/commune-table.js';
import type { Commune, PopulationFigures } from '../../src/engine/dataset.js';
import { PopulationColumns } from '../../src/engine/population-columns.js';

const commune = (codeInsee: string, line: number): Commune => ({ codeInsee, nom: `Commune ${codeInsee}`, siren: '216900811', adresse: 'Mairie', codePostal: '69000', ville: `Commune ${codeInsee}`, line });
// communes.csv not in code order: the figures still come out in code order
const COMMUNES = new CommuneTable([commune('69286', 2), commune('69081', 3), commune('69123', 4), commune('69033', 5)]);

const FIGURES = new Map<string, PopulationFigures>([
  ['69081', { municipale: 17944, totale: 18243, line: 7 }],
  ['69123', { municipale: 520774, totale: 531342, line: 2, sommeArrondissements: ['69381', '69382'] }],
  ['69286', { municipale: 31237, totale: 31649, line: 9 }],
  // a code that is not one of the communes (read with every commune kept)
  ['69999', { municipale: 10, totale: 12, line: 12 }],
]);

describe('PopulationColumns', () => {
  it('gives each commune’s figures as read, and nothing for a commune without one', () => {
    const columns = new PopulationColumns(COMMUNES, FIGURES);
    for (const [code, figures] of FIGURES) expect(columns.get(code)).toEqual(figures);
    expect(columns.get('69033')).toBeUndefined();
    expect(columns.has('69033')).toBe(false);
    expect(columns.has('69081')).toBe(true);
    expect(columns.get('01001')).toBeUndefined();
  });

  it('reads as the map it replaces, in code order', () => {
    const columns = new PopulationColumns(COMMUNES, FIGURES);
    expect(columns.size).toBe(4);
    expect([...columns.keys()]).toEqual(['69081', '69123', '69286', '69999']);
    expect([...columns]).toEqual([...FIGURES].sort(([a], [b]) => (a < b ? -1 : 1)));
    expect([...columns.values()]).toEqual([...columns.entries()].map(([, f]) => f));
    const seen: string[] = [];
    columns.forEach((f, code) => seen.push(`${code}:${f.totale}`));
    expect(seen).toEqual(['69081:18243', '69123:531342', '69286:31649', '69999:12']);
  });
});
