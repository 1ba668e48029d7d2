/** Issue 12: a bordereau's CSV is written streamed, in pieces; joined, they are the whole file. */
import { describe, expect, it } from 'vitest';
import { BORDEREAU_COLUMNS, bordereauCsv, bordereauCsvChunks, TOTAL_LABEL } from '../../src/io/bordereau-format.js';
import { formatCsv } from '../../src/io/csv-write.js';
import type { BordereauLine } from '../../src/render/views.js';
import { PackedLines } from '../../src/render/bordereau-lines.js';

const lines: BordereauLine[] = Array.from({ length: 2_345 }, (_, i) => ({
  numero: i + 1,
  type: i % 7 === 0 ? 'reduction' : 'titre',
  codeInsee: String(69001 + i),
  commune: i % 11 === 0 ? `Saint-Genis, "bas" ${i}` : `Commune ${i}`,
  montant: `${i}.50`,
  ...(i % 7 === 0 ? { titreOrigine: `2026-${i}` } : {}),
}));

describe('bordereau CSV in pieces (issue 12)', () => {
  it.each([{ excel: false }, { excel: true }])('joined, the pieces are the CSV of every line and the total (excel: $excel)', (format) => {
    const rows = lines.map((l) => ({ numero: String(l.numero), type: l.type, code_insee: l.codeInsee, commune: l.commune, montant: l.montant, titre_origine: l.titreOrigine }));
    const whole = formatCsv(BORDEREAU_COLUMNS, [...rows, { numero: TOTAL_LABEL, montant: '1.00' }], format);
    const pieces = [...bordereauCsvChunks(lines, '1.00', format)];
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.join('')).toBe(whole);
    expect(bordereauCsv(lines, '1.00', format)).toBe(whole);
  });

  it('the lines held packed give the same CSV (issue 12, flat memory)', () => {
    const format = { excel: false };
    expect([...bordereauCsvChunks(PackedLines.pack(lines), '1.00', format)].join('')).toBe(bordereauCsv(lines, '1.00', format));
  });
});
