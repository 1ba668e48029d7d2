/**
 * The sha256 of a run's documents, 32 bytes each in one buffer, given back in hex when asked
 * (issue 12, flat memory: a digest held as its 64-character hex string is 80 bytes of heap, kept
 * for each document issued until the bordereaux are written).
 */
export class Sha256Column {
  private readonly bytes: Buffer;

  constructor(count: number) {
    this.bytes = Buffer.alloc(count * DIGEST_BYTES);
  }

  /** Keeps the digest of document `index`, given in hex as node:crypto writes it. */
  set(index: number, hex: string): void {
    if (!HEX_DIGEST.test(hex)) throw new Error(`empreinte sha256 invalide « ${hex} »`);
    this.bytes.write(hex, index * DIGEST_BYTES, DIGEST_BYTES, 'hex');
  }

  /** The digest of document `index`, in lowercase hex. */
  get(index: number): string {
    return this.bytes.toString('hex', index * DIGEST_BYTES, (index + 1) * DIGEST_BYTES);
  }
}

const DIGEST_BYTES = 32;
/** What `digest('hex')` gives, and what `get` gives back: any other text would not come back the same. */
const HEX_DIGEST = /^[0-9a-f]{64}$/;
