import { randomBytes } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { reusedDeflate } from '../../src/render/reused-deflate.js';

describe('one deflate state reset between streams (reused-deflate.ts)', () => {
  const deflate = reusedDeflate(3);
  const content = Buffer.from('q\n1 0 0 -1 0 841.89 cm\nBT\n1 0 0 1 56.69 120.5 Tm\n/F1 9 Tf\n[<0024> 30 <0039>] TJ\nET\nQ\n'.repeat(300), 'latin1');
  const data = Buffer.from(JSON.stringify({ montant: '1210.00', liquidation: [{ ref: 'R4 – art. 10.1', libelle: 'Forfait' }] }, null, 2), 'utf8');
  // Incompressible: its deflated form outgrows the 64 KB output buffer several times.
  const noise = randomBytes(300 * 1024);

  it('give deflateSync’s bytes at the same level, input after input', () => {
    for (const input of [content, data, Buffer.alloc(0), Buffer.from('x'), noise, content, data]) {
      expect(deflate(input).equals(deflateSync(input, { level: 3 }))).toBe(true);
    }
  });

  it('give a stream that inflates back to its input, whatever came before it', () => {
    deflate(noise);
    expect(inflateSync(deflate(data)).equals(data)).toBe(true);
    expect(deflate(new Uint8Array(content.buffer, content.byteOffset, content.byteLength)).equals(deflateSync(content, { level: 3 }))).toBe(true);
  });

  it('keep their levels apart', () => {
    const best = reusedDeflate(9);
    expect(best(content).equals(deflateSync(content, { level: 9 }))).toBe(true);
    expect(deflate(content).equals(deflateSync(content, { level: 3 }))).toBe(true);
  });
});
