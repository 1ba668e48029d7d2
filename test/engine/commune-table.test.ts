/**
 * The communes held in columns (issue 12, flat memory): read as the Map of records they were,
 * each record plain data that a rendering thread receives whole.
 */
import { describe, expect, it } from 'vitest';
import { CommuneTable, nameOfCommune } from '../../src/engine/commune-table.js';
import type { Commune } from '../../src/engine/dataset.js';

const ECULLY: Commune = { codeInsee: '69081', nom: 'Écully', siren: '216900811', siret: '21690081100011', adresse: 'Hôtel de ville', codePostal: '69130', ville: 'Écully', line: 2 };
const RILLIEUX: Commune = { codeInsee: '69286', nom: 'Rillieux-la-Pape', siren: '216902866', adresse: 'Place de Verdun', codePostal: '69140', ville: 'Rillieux-la-Pape Cedex', line: 3 };
/** A SIREN that is not a number of nine digits is held as its text (the reader has reported it). */
const ODD: Commune = { codeInsee: '2A004', nom: 'Ajaccio', siren: '012345678', adresse: 'Avenue Antoine Serafini', codePostal: '20000', ville: 'Ajaccio', line: 4 };

describe('CommuneTable', () => {
  it('gives back each commune’s record as it was added, keyed by code INSEE', () => {
    const table = new CommuneTable([ECULLY, RILLIEUX, ODD]);
    expect(table.get('69081')).toEqual(ECULLY);
    expect(table.get('69286')).toEqual(RILLIEUX);
    expect(table.get('69286')).not.toHaveProperty('siret');
    expect(table.get('2A004')).toEqual(ODD);
    expect(table.get('69123')).toBeUndefined();
    expect(table.has('69286')).toBe(true);
    expect(table.has('69123')).toBe(false);
  });

  it('reads as the Map it replaces: size, keys, values, entries and forEach in the order of the file', () => {
    const table = new CommuneTable([ECULLY, RILLIEUX, ODD]);
    const map = new Map([ECULLY, RILLIEUX, ODD].map((c) => [c.codeInsee, c]));
    expect(table.size).toBe(3);
    expect([...table.keys()]).toEqual([...map.keys()]);
    expect([...table.values()]).toEqual([...map.values()]);
    expect([...table.entries()]).toEqual([...map.entries()]);
    expect([...table]).toEqual([...map]);
    const seen: string[] = [];
    table.forEach((c, code, m) => seen.push(`${code}:${c.nom}:${m === table}`));
    expect(seen).toEqual(['69081:Écully:true', '69286:Rillieux-la-Pape:true', '2A004:Ajaccio:true']);
  });

  it('makes records that cross to a rendering thread whole (postMessage copies own data only)', () => {
    const table = new CommuneTable([ECULLY]);
    expect(structuredClone(table.get('69081'))).toEqual(ECULLY);
  });

  it('refuses a code it holds already', () => {
    const table = new CommuneTable([ECULLY]);
    expect(() => table.add({ ...ECULLY, nom: 'Écully bis' })).toThrow('69081');
  });

  it('names a commune by its name, or by its code when it has none, in a table or a Map alike', () => {
    const table = new CommuneTable([ECULLY]);
    const map = new Map([[ECULLY.codeInsee, ECULLY]]);
    expect(nameOfCommune(table, '69081')).toBe('Écully');
    expect(nameOfCommune(map, '69081')).toBe('Écully');
    expect(nameOfCommune(table, '69123')).toBe('69123');
    expect(nameOfCommune(map, '69123')).toBe('69123');
  });
});
