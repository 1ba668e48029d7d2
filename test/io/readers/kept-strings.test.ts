import { setFlagsFromString, getHeapStatistics } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { KeptStrings } from '../../../src/io/readers/kept-strings.js';
import { parseAdhesions } from '../../../src/io/readers/adhesions.js';
import { adhesionFields } from '../../../src/engine/adhesion-table.js';
import { parseCommunes } from '../../../src/io/readers/communes.js';
import { parsePopulations } from '../../../src/io/readers/populations.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** The heap kept after full collections while `hold` is alive. */
function heldWith(make: () => unknown): number {
  gc();
  const before = getHeapStatistics().used_heap_size;
  const held = make();
  gc();
  gc();
  const after = getHeapStatistics().used_heap_size;
  expect(held).toBeDefined();
  return after - before;
}

const NAME = 'Saint-Genis-les-Ollières, hôtel de ville';
const bigText = () => 'x'.repeat(8_000_000) + NAME;

describe('KeptStrings', () => {
  it('gives back an equal string, the same one for every equal value', () => {
    const kept = new KeptStrings();
    const first = kept.of('69081,laclasse'.slice(0, 5));
    expect(first).toBe('69081');
    expect(kept.of(`6908${1}`)).toBe(first);
    expect(kept.of('')).toBe('');
    expect(kept.of('Écully — « 𝔘 »')).toBe('Écully — « 𝔘 »');
  });

  it('keeps a cell without the text it was cut from', () => {
    // the control: V8 keeps a 13-character-or-longer substring as a slice of the 8 MB text
    expect(heldWith(() => bigText().slice(-NAME.length))).toBeGreaterThan(7_000_000);
    const kept = new KeptStrings();
    const held = heldWith(() => kept.of(bigText().slice(-NAME.length)));
    expect(held).toBeLessThan(1_000_000);
  });

  it('gives a value that does not come back on its own, without the text it was cut from (issue 12: names, SIRENs)', () => {
    const kept = new KeptStrings();
    expect(kept.own('69081,laclasse'.slice(0, 5))).toBe('69081');
    expect(kept.own('Écully — « 𝔘 »')).toBe('Écully — « 𝔘 »');
    const held = heldWith(() => kept.own(bigText().slice(-NAME.length)));
    expect(held).toBeLessThan(1_000_000);
  });

  it('gives the readers that share it the records each reads alone', () => {
    const communes = 'code_insee,nom,siren,adresse,code_postal,ville\n69081,Écully-sur-le-Plateau,216900811,"Hôtel de ville, place de la Libération",69130,Écully-sur-le-Plateau\n';
    const adhesions = 'code_insee,service,date_signature\n69081,laclasse,2025-12-18\n69081,toodego,2025-12-18\n';
    const populations = 'code_insee,population_municipale,population_totale\n69081,15000,15500\n';
    const read = (kept?: KeptStrings) => ({
      communes: parseCommunes(communes, { path: 'communes.csv', rel: 'communes.csv' }, kept),
      adhesions: parseAdhesions(adhesions, { path: 'adhesions.csv', rel: 'adhesions.csv' }, { kept }),
      populations: parsePopulations(populations, { path: 'populations/2026.csv', rel: 'populations/2026.csv' }, 2026, undefined, undefined, kept),
    });
    // the tables compared as what they give: their communes' records and adhesions' fields
    const plain = (r: ReturnType<typeof read>) => ({
      communes: [...r.communes.communes.values()],
      adhesions: Array.from(r.adhesions.adhesions, adhesionFields),
      populations: r.populations,
      problems: [r.communes.problems, r.adhesions.problems],
    });
    const alone = read();
    const shared = read(new KeptStrings());
    expect(plain(shared)).toEqual(plain(alone));
    expect(plain(shared).communes).toHaveLength(1);
    expect(shared.communes.problems).toEqual([]);
    expect(Array.from(shared.adhesions.adhesions, (a) => a.codeInsee)).toEqual(['69081', '69081']);
    expect([...shared.populations.table.byCommune.keys()]).toEqual(['69081']);
  });
});
