/** Issue 12 (flat memory): a bordereau's lines held packed give back the lines they were given. */
import { describe, expect, it } from 'vitest';
import { PackedLines } from '../../src/render/bordereau-lines.js';
import type { BordereauLine } from '../../src/render/views.js';

const lines: BordereauLine[] = [
  { numero: 12, type: 'titre', codeInsee: '69081', commune: 'Écully', montant: '1210.00' },
  { numero: null, type: 'titre', codeInsee: '69003', commune: 'Albigny-sur-Saône', montant: '487.64' },
  { numero: 31, type: 'reduction', codeInsee: '02565', commune: 'Œuilly', montant: '63.00', titreOrigine: '2026-12' },
  { numero: 32, type: 'annulation', codeInsee: '2A004', commune: '', montant: '0.01', titreOrigine: '' },
  ...Array.from({ length: 300 }, (_, i): BordereauLine => ({ numero: 100 + i, type: 'titre', codeInsee: String(10000 + i), commune: `Saint-Genis, « ${i} »`, montant: `${i}.50` })),
];

describe('packed bordereau lines (bordereau-lines.ts)', () => {
  it('give back each line as given, in order: no number, no titre d’origine, an empty one, any character', () => {
    const packed = PackedLines.pack(lines);
    expect(packed.length).toBe(lines.length);
    expect([...packed]).toEqual(lines);
    expect('titreOrigine' in [...packed][0]).toBe(false);
    // read again, the same lines
    expect([...packed]).toEqual(lines);
  });

  it('cross to a rendering thread as plain data (a structured clone) and give the same lines there', () => {
    const message = structuredClone(PackedLines.pack(lines).message());
    expect([...PackedLines.fromMessage(message)]).toEqual(lines);
  });

  it('pack the line made of each item, their text in one string; lines already packed stay as they are', () => {
    const packed = PackedLines.packEach([1, 2], (n): BordereauLine => ({ numero: n, type: 'titre', codeInsee: `6900${n}`, commune: `C${n}`, montant: `${n}.00` }));
    expect([...packed].map((l) => l.codeInsee)).toEqual(['69001', '69002']);
    const message = packed.message();
    expect(typeof message.text).toBe('string');
    expect(message.text).toBe('69001C11.0069002C22.00');
    expect(PackedLines.of(packed)).toBe(packed);
    expect([...PackedLines.of(lines.slice(0, 2))]).toEqual(lines.slice(0, 2));
  });

  it('hold an empty bordereau', () => {
    const packed = PackedLines.pack([]);
    expect(packed.length).toBe(0);
    expect([...packed]).toEqual([]);
  });
});
