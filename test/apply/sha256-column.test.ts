import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Sha256Column } from '../../src/apply/sha256-column.js';

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

describe('Sha256Column', () => {
  it('gives back each document’s digest as node:crypto wrote it', () => {
    const digests = ['', 'titre 1', 'titre 2', 'Écully'].map(digest);
    const column = new Sha256Column(digests.length);
    // set out of order: each document has its own 32 bytes
    for (const i of [2, 0, 3, 1]) column.set(i, digests[i]);
    expect(digests.map((_, i) => column.get(i))).toEqual(digests);
    expect(new Sha256Column(2).get(1)).toBe('0'.repeat(64)); // a document not issued yet
  });

  it('refuses what would not come back the same', () => {
    const column = new Sha256Column(1);
    expect(() => column.set(0, digest('x').toUpperCase())).toThrow(/empreinte sha256 invalide/);
    expect(() => column.set(0, digest('x').slice(1))).toThrow(/empreinte sha256 invalide/);
  });
});
