/** Issue 12: a bordereau's CSV is written streamed, in pieces; joined, they are the whole file. */
import { describe, expect, it } from 'vitest';
import { BORDEREAU_COLUMNS, bordereauCsv, bordereauCsvChunks, exerciceCumul, exerciceCumuls, TOTAL_LABEL } from '../../src/io/bordereau-format.js';
import { Decimal } from '../../src/engine/money.js';
import { journalGroups } from '../../src/engine/bordereaux.js';
import type { DocumentType } from '../../src/engine/plan-types.js';
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

describe('the exercice’s cumul of every bordereau in one pass (issue 12)', () => {
  let numero = 0;
  const doc = (exercice: number, type: DocumentType, bordereau: number, montant: string) => ({ exercice, numero: ++numero, service: 'laclasse', type, bordereau, montant: new Decimal(montant) });
  const docs = [
    doc(2026, 'titre', 2, '100.00'),
    doc(2026, 'titre', 1, '10.50'),
    doc(2026, 'reduction', 1, '3.00'),
    doc(2026, 'titre', 2, '0.25'),
    doc(2026, 'annulation', 2, '7.00'),
    doc(2026, 'etat_annulation', 0, '50.00'),
    doc(2025, 'titre', 1, '999.00'),
    doc(2026, 'titre', 3, '1.00'),
  ];

  it('gives each bordereau of the exercice exerciceCumul’s figure, by nature and up to its number', () => {
    const cumuls = exerciceCumuls(journalGroups(docs, 2026));
    expect([...cumuls.keys()]).toEqual(['2026-titres-1', '2026-titres-2', '2026-titres-3', '2026-reductions-1', '2026-reductions-2']);
    for (const [key, cumul] of cumuls) {
      const [, nature, numero] = key.split('-');
      expect(cumul.toString()).toBe(exerciceCumul(docs, 2026, nature as 'titres' | 'reductions', Number(numero)).toString());
    }
    expect(cumuls.get('2026-titres-2')!.toFixed(2)).toBe('110.75');
    expect(cumuls.get('2026-reductions-2')!.toFixed(2)).toBe('10.00');
  });
});
