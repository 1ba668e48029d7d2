/**
 * The adhesions held in columns (issue 12, flat memory): a row reads back every field as the
 * reader gave it, and planning on the table gives what planning on plain records gives.
 */
import { describe, expect, it } from 'vitest';
import { AdhesionTable, adhesionFields, placeIn } from '../../src/engine/adhesion-table.js';
import { planExercice } from '../../src/engine/plan-exercice.js';
import { adhesion, at2026, d, dataset, ECULLY, EMPTY, SMALL, TINY } from './fixtures.js';

const RECORDS = [
  adhesion({ codeInsee: ECULLY, montantAnterieur: d('1100.00') }),
  adhesion({ codeInsee: SMALL, service: 'toodego', dateSignature: '2026-03-10', dateDebut: '2026-04-01', options: new Map([['connecteurs', 2]]) }),
  adhesion({ codeInsee: TINY, dateFin: '2026-09-30', motifFin: 'manquement_metropole', datePreavis: '2026-06-30', montantAnterieur: d('1234.567') }),
];

describe('AdhesionTable', () => {
  it('gives back each adhesion with the fields it was given, the absent ones undefined', () => {
    const table = new AdhesionTable(RECORDS);
    expect(table.length).toBe(3);
    expect(Array.from(table, adhesionFields)).toEqual(RECORDS.map(adhesionFields));
    const [ecully, small, tiny] = table;
    expect(ecully.montantAnterieur?.toFixed(2)).toBe('1100.00');
    expect(ecully.dateFin).toBeUndefined();
    expect(ecully.options.size).toBe(0);
    expect([...small.options]).toEqual([['connecteurs', 2]]);
    expect(small.montantAnterieur).toBeUndefined();
    expect(tiny).toMatchObject({ dateFin: '2026-09-30', motifFin: 'manquement_metropole', datePreavis: '2026-06-30', line: RECORDS[2].line });
    // an amount off the cent is held as its text, exactly
    expect(tiny.montantAnterieur?.toString()).toBe('1234.567');
  });

  it('reads positions as an array does: from the end when negative, undefined out of range', () => {
    const table = new AdhesionTable(RECORDS);
    expect(table.at(-1)?.codeInsee).toBe(TINY);
    expect(table.at(0)?.codeInsee).toBe(ECULLY);
    expect(table.at(3)).toBeUndefined();
    expect(table.at(-4)).toBeUndefined();
  });

  it('takes more adhesions after it was trimmed, or made empty, and as many as a national file', () => {
    const table = new AdhesionTable();
    for (const a of RECORDS) table.push(a);
    table.trim();
    const more = Array.from({ length: 1000 }, (_, i) => adhesion({ codeInsee: String(10000 + i), dateSignature: `2025-${String(1 + (i % 12)).padStart(2, '0')}-15` }));
    for (const a of more) table.push(a);
    table.trim();
    expect(table.length).toBe(1003);
    expect(Array.from(table, adhesionFields)).toEqual([...RECORDS, ...more].map(adhesionFields));
  });

  it('knows the place of its own rows only', () => {
    const table = new AdhesionTable(RECORDS);
    const other = new AdhesionTable(RECORDS);
    expect(placeIn(table, table.at(2)!)).toBe(2);
    expect(placeIn(other, table.at(2)!)).toBeUndefined();
    expect(placeIn(table, RECORDS[2])).toBeUndefined();
  });

  it('is planned as the same adhesions as plain records: same documents, amounts, liquidations, warnings', () => {
    const onRecords = planExercice(dataset({ adhesions: RECORDS }), EMPTY, at2026);
    const onTable = planExercice(dataset({ adhesions: new AdhesionTable(RECORDS) }), EMPTY, at2026);
    expect(onTable.documents.length).toBeGreaterThan(0);
    expect(JSON.stringify(onTable.documents)).toBe(JSON.stringify(onRecords.documents));
    expect(onTable.documents.map((t) => [t.codeInsee, t.commune, t.service])).toEqual(onRecords.documents.map((t) => [t.codeInsee, t.commune, t.service]));
    expect(onTable.sansTitre).toEqual(onRecords.sansTitre);
    expect(onTable.avertissements).toEqual(onRecords.avertissements);
    expect(onTable.total.toString()).toBe(onRecords.total.toString());
  });
});
