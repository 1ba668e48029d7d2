/**
 * Writes a PES_Aller flux as it is built (issue 12): each part (build-pes-aller.ts) is encoded in
 * ISO-8859-1, validated against the schemas when it holds pieces or PJs (validate-pes-output.ts),
 * then appended to the temp file of an atomic write (io/atomic-write.ts) and hashed on the way.
 * Memory holds one part at a time, whatever the size of the flux.
 *
 * A violation stops the writing but not the validation: every part is still checked, so that all
 * violations are listed at once; the temp file is then removed, and a folder created for the file
 * too when it is left empty. Nothing of a refused export remains.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, rmdirSync } from 'node:fs';
import path from 'node:path';
import { fsyncDir, writeAll, writeAtomically, type StreamWriteResult } from '../../io/atomic-write.js';
import type { PesPart } from '../../pes/build-pes-aller.js';
import { encodeLatin1 } from '../../pes/latin1.js';
import { PesFluxValidation } from '../../pes/validate-pes-output.js';

/** Removes the folders made for `dir`, from `dir` up to `created`, as long as they are empty. */
function removeCreatedFolders(dir: string, created: string): void {
  for (let d = dir; d.length >= created.length; d = path.dirname(d)) {
    try {
      rmdirSync(d);
    } catch {
      return; // not empty (or already gone): what is above stays too
    }
    if (d === created) return;
  }
}

export async function writePesAller(target: string, fileName: string, parts: AsyncIterable<PesPart>): Promise<StreamWriteResult> {
  const dir = path.dirname(path.resolve(target));
  const created = mkdirSync(dir, { recursive: true });
  try {
    const result = await writeAtomically(target, async (fd) => {
      const validation = new PesFluxValidation(fileName);
      const hash = createHash('sha256');
      let bytes = 0;
      for await (const part of parts) {
        const encoded = encodeLatin1(part.text);
        if (part.check !== undefined) await validation.check(part.check, encoded);
        if (!validation.valid) continue; // nothing more is written, every part is still checked
        writeAll(fd, encoded);
        hash.update(encoded);
        bytes += encoded.length;
      }
      validation.throwIfInvalid();
      return { sha256: hash.digest('hex'), bytes };
    });
    if (created !== undefined) await fsyncDir(path.dirname(created));
    return result;
  } catch (error) {
    if (created !== undefined) removeCreatedFolders(dir, created);
    throw error;
  }
}
