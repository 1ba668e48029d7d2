import { expect, test } from 'vitest';
import { pesFileName } from '../../src/pes/pes-file-name.js';
import type { PesBordereau } from '../../src/pes/pes-input.js';

const b = (numero: number, nature: PesBordereau['nature'], exercice = 2026): PesBordereau => ({
  exercice, numero, nature, service: 'laclasse', dateEmission: '2026-06-15', pieces: [],
});

test('titres by number, réductions with an r prefix, in ascending order', () => {
  expect(pesFileName([b(1, 'reductions'), b(4, 'titres'), b(3, 'titres')], '2026-06-21')).toBe(
    'PES_Aller_2026_bord-3-4-r1_2026-06-21.xml',
  );
});

test('several exercices are joined', () => {
  expect(pesFileName([b(2, 'titres', 2027), b(9, 'titres', 2026)], '2027-01-05')).toBe(
    'PES_Aller_2026-2027_bord-9-2_2027-01-05.xml',
  );
});

test('a name longer than 100 characters keeps the first and last bordereau and the count', () => {
  const many = Array.from({ length: 30 }, (_, i) => b(i + 1, 'titres'));
  const name = pesFileName(many, '2026-06-21');
  expect(name).toBe('PES_Aller_2026_bord-1-a-30-30b_2026-06-21.xml');
  expect(name.length).toBeLessThanOrEqual(100);
});
