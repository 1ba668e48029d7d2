/**
 * A PDF written into an open file as it is laid out, hashed on the way (its sha256 and size, as the
 * journal and the register of bordereaux record them). The caller opens the file and makes it
 * durable (io/atomic-write.ts); a file descriptor is the process's, not a thread's, so a rendering
 * thread writes into a file the main thread opened.
 */
import { createHash } from 'node:crypto';
import { writeSync } from 'node:fs';

export interface WrittenPdf {
  sha256: string; // lowercase hex
  bytes: number;
}

export class PdfFile {
  private readonly hash = createHash('sha256');
  private bytes = 0;

  constructor(private readonly fd: number) {}

  write(chunk: Uint8Array): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    for (let offset = 0; offset < chunk.length; ) offset += writeSync(this.fd, chunk, offset, chunk.length - offset);
  }

  /** What was written. */
  end(): WrittenPdf {
    return { sha256: this.hash.digest('hex'), bytes: this.bytes };
  }
}
