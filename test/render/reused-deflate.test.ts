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

describe('a stream deflated from its pieces (reused-deflate.ts, issue 12: flat memory)', () => {
  const deflate = reusedDeflate(3);
  const json = Buffer.from(
    JSON.stringify({ pieces: Array.from({ length: 5000 }, (_, i) => ({ numero: i + 1, commune: `Saint-Étienne-${i}`, montant: `${1000 + i}.00` })) }, null, 2),
    'utf8',
  );
  const cut = (bytes: Buffer, sizes: number[]): Buffer[] => {
    const out: Buffer[] = [];
    for (let at = 0, k = 0; at < bytes.length; k++) {
      const size = sizes[k % sizes.length];
      out.push(bytes.subarray(at, at + size));
      at += size;
    }
    return out;
  };

  it('give the bytes of their concatenation deflated at once, however they are cut', () => {
    const whole = deflateSync(json, { level: 3 });
    for (const sizes of [[json.length], [1], [7, 70_000, 3], [65_536], [100_000, 1]]) {
      expect(deflate.pieces(cut(json, sizes)).equals(whole)).toBe(true);
    }
    expect(deflate.pieces(cut(noiseOf(200 * 1024), [50_000])).equals(deflateSync(noiseOf(200 * 1024), { level: 3 }))).toBe(true);
  });

  it('leave the state ready for the next stream, and take no piece at all', () => {
    deflate.pieces([json.subarray(0, 1000)]);
    expect(deflate(content()).equals(deflateSync(content(), { level: 3 }))).toBe(true);
    expect(deflate.pieces([]).equals(deflateSync(Buffer.alloc(0), { level: 3 }))).toBe(true);
    expect(deflate.pieces([Buffer.alloc(0), json, Buffer.alloc(0)]).equals(deflateSync(json, { level: 3 }))).toBe(true);
  });
});

/** The same pseudo-random bytes for a given length. */
function noiseOf(length: number): Buffer {
  const out = Buffer.alloc(length);
  let x = 2463534242;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

function content(): Buffer {
  return Buffer.from('BT\n/F1 9 Tf\n[<0024> 30 <0039>] TJ\nET\n'.repeat(500), 'latin1');
}
