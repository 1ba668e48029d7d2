/**
 * zlib's deflate with one compression state per renderer, reset between two streams.
 *
 * `deflateSync` builds a new zlib stream for every call: a Transform stream object and a native
 * state of some 270 KB (window, hash chains, pending buffer) allocated, zeroed and handed to the
 * garbage collector as external memory, then freed. A titre compresses two small streams (its
 * page's content, 30 KB, and its embedded data, 4 KB): in a rendering thread's CPU profile the
 * embedded data's deflate cost more than its 4 KB warrant, a fifth of it in the stream's making.
 *
 * Here one deflate stream is made per call of reusedDeflate(level), and after each input it is
 * reset (zlib's deflateReset, "equivalent to deflateEnd followed by deflateInit" with the same
 * parameters): the output is byte for byte deflateSync's with the same level (tested).
 *
 * Drives Node's zlib handle as `deflateSync` itself does (zlib.js processChunkSync: the handle's
 * writeSync with Z_FINISH, its write state [avail_out, avail_in], then reset; Node 12 to 24). If
 * these internals are missing, or the handle ever reports an error, deflateSync does the work.
 */
import { constants, createDeflate, deflateSync } from 'node:zlib';

interface ZlibHandle {
  writeSync(flush: number, input: Uint8Array, inOff: number, inLen: number, output: Uint8Array, outOff: number, outLen: number): void;
  reset(): void;
}

interface ZlibInternals {
  _handle?: Partial<ZlibHandle> | null;
  _writeState?: unknown;
}

/** Output is produced into this buffer, then copied out at its exact length. */
const OUTPUT_CHUNK = 64 * 1024;

export interface Deflate {
  (input: Uint8Array): Buffer;
  /**
   * The deflated stream of these inputs one after the other: byte for byte the deflate of their
   * concatenation (zlib's output does not depend on how its input is cut when nothing is flushed
   * in between: tested), without the concatenation (issue 12, flat memory: a national bordereau's
   * embedded data is 7 MB of JSON).
   */
  pieces(inputs: Iterable<Uint8Array>): Buffer;
}

export function reusedDeflate(level: number): Deflate {
  const fallback: Deflate = Object.assign((input: Uint8Array) => deflateSync(input, { level }), {
    pieces: (inputs: Iterable<Uint8Array>) => deflateSync(Buffer.concat([...inputs]), { level }),
  });
  const engine = createDeflate({ level });
  const internals = engine as unknown as ZlibInternals;
  const handle = internals._handle;
  const state = internals._writeState;
  if (!handle || typeof handle.writeSync !== 'function' || typeof handle.reset !== 'function' || !(state instanceof Uint32Array)) return fallback;
  let broken = false;
  engine.on('error', () => (broken = true));
  const output = Buffer.allocUnsafe(OUTPUT_CHUNK);
  const zlib = handle as ZlibHandle;

  /**
   * Feeds `input` to the stream, its output added to `pieces`: all of it is taken once zlib leaves
   * room in the output (Z_NO_FLUSH), the stream is finished once it does with Z_FINISH. False if
   * zlib failed (the stream is then unusable).
   */
  const feed = (flush: number, input: Uint8Array, pieces: Buffer[]): boolean => {
    let inOff = 0;
    let inLen = input.byteLength;
    for (;;) {
      zlib.writeSync(flush, input, inOff, inLen, output, 0, OUTPUT_CHUNK);
      if (broken || engine.destroyed) {
        broken = true;
        return false;
      }
      const [outLeft, inLeft] = state;
      const produced = OUTPUT_CHUNK - outLeft;
      if (produced > 0) pieces.push(Buffer.from(output.subarray(0, produced)));
      if (outLeft !== 0) return true;
      inOff += inLen - inLeft;
      inLen = inLeft;
    }
  };
  const joined = (pieces: Buffer[]): Buffer => {
    zlib.reset();
    return pieces.length === 1 ? pieces[0] : Buffer.concat(pieces);
  };

  const deflate = (input: Uint8Array): Buffer => {
    if (broken) return fallback(input);
    const pieces: Buffer[] = [];
    return feed(constants.Z_FINISH, input, pieces) ? joined(pieces) : fallback(input);
  };
  const pieces = (inputs: Iterable<Uint8Array>): Buffer => {
    if (broken) return fallback.pieces(inputs);
    const out: Buffer[] = [];
    for (const input of inputs) {
      // the inputs already given are gone: a zlib failure halfway cannot start again
      if (!feed(constants.Z_NO_FLUSH, input, out)) throw new Error('deflate: zlib failed');
    }
    if (!feed(constants.Z_FINISH, new Uint8Array(0), out)) throw new Error('deflate: zlib failed');
    return joined(out);
  };
  return Object.assign(deflate, { pieces });
}
