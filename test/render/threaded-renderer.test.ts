import { closeSync, openSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buffer } from 'node:stream/consumers';
import { Worker } from 'node:worker_threads';
import { describe, expect, it, vi } from 'vitest';
import { createPdfRenderer } from '../../src/render/pdf-renderer.js';
import { createThreadedRenderer } from '../../src/render/threaded-renderer.js';
import { dec, sum, toAmountString } from '../../src/engine/money.js';
import { PDF_CHUNK } from '../../src/render/pdf-stream.js';
import { bordereauLines, bordereauView, titreView } from './fixtures.js';
import { bordereauBytes, sha256, writtenBordereau } from './pdf-tools.js';

// The worker is the built one (npm test builds dist/ first).
const workerUrl = pathToFileURL(fileURLToPath(new URL('../../dist/render/render-worker.js', import.meta.url)));

describe('rendering threads', () => {
  it('give the bytes of the in-thread renderer, the config sent once and again when another one comes', async () => {
    const base = titreView();
    const other = { ...base.config, emetteur: { ...base.config.emetteur, nom: 'Métropole de Lyon (autre configuration)' } };
    const views = [titreView(), titreView({ numero: 13 }), titreView({ numero: 14, config: other }), titreView({ numero: 15 })];
    const threaded = createThreadedRenderer({ threads: 1, workerUrl });
    try {
      const inThread = createPdfRenderer();
      const [a, b, c, d, bordereau] = await Promise.all([...views.map((v) => buffer(threaded.renderTitre(v))), bordereauBytes(threaded, bordereauView())]);
      expect(a.equals(await buffer(inThread.renderTitre(views[0])))).toBe(true);
      expect(b.equals(await buffer(inThread.renderTitre(views[1])))).toBe(true);
      expect(c.equals(await buffer(inThread.renderTitre(views[2])))).toBe(true);
      expect(d.equals(await buffer(inThread.renderTitre(views[3])))).toBe(true);
      expect(bordereau.equals(await bordereauBytes(inThread, bordereauView()))).toBe(true);
      // The other config did reach the thread (not the one sent before), and the first came back after it.
      expect(c.equals(await buffer(inThread.renderTitre(titreView({ numero: 14 }))))).toBe(false);
    } finally {
      await threaded.close();
    }
  });

  it('write a bordereau into its file themselves, with the bytes of the in-thread renderer, and give its sha256 and size', async () => {
    const lines = bordereauLines(400);
    const view = bordereauView({ lines, total: toAmountString(sum(lines.map((l) => dec(l.montant)))) });
    const threaded = createThreadedRenderer({ threads: 1, workerUrl });
    try {
      const { pdf, written } = await writtenBordereau(threaded, view);
      const inThread = await bordereauBytes(createPdfRenderer(), view);
      expect(inThread.length).toBeGreaterThan(2 * PDF_CHUNK);
      expect(pdf.equals(inThread)).toBe(true);
      expect(written).toEqual({ sha256: sha256(inThread), bytes: inThread.length });
      // and the thread goes on with the next document
      expect((await buffer(threaded.renderTitre(titreView()))).equals(await buffer(createPdfRenderer().renderTitre(titreView())))).toBe(true);
    } finally {
      await threaded.close();
    }
  });

  it('lay out the bordereaux that follow the titres with the bytes of the in-thread renderer, and go on with the next titre', async () => {
    const lines = bordereauLines(300);
    const big = bordereauView({ lines, total: toAmountString(sum(lines.map((l) => dec(l.montant)))) });
    const threaded = createThreadedRenderer({ threads: 2, workerUrl });
    try {
      const inThread = createPdfRenderer();
      const titres = await Promise.all([12, 13, 14].map((numero) => buffer(threaded.renderTitre(titreView({ numero })))));
      // the titres' threads give way to a thread for the bordereaux: both asked for at once
      const [first, second] = await Promise.all([bordereauBytes(threaded, big), bordereauBytes(threaded, bordereauView())]);
      expect(first.equals(await bordereauBytes(inThread, big))).toBe(true);
      expect(second.equals(await bordereauBytes(inThread, bordereauView()))).toBe(true);
      for (const [i, numero] of [12, 13, 14].entries()) expect(titres[i].equals(await buffer(inThread.renderTitre(titreView({ numero }))))).toBe(true);
      expect((await buffer(threaded.renderTitre(titreView({ numero: 15 })))).equals(await buffer(inThread.renderTitre(titreView({ numero: 15 }))))).toBe(true);
    } finally {
      await threaded.close();
    }
  });

  it('stop the titres’ threads when told the titres are done, before any bordereau, which a fresh thread lays out', async () => {
    const terminate = vi.spyOn(Worker.prototype, 'terminate');
    const threaded = createThreadedRenderer({ threads: 2, workerUrl });
    try {
      const inThread = createPdfRenderer();
      await Promise.all([12, 13].map((numero) => buffer(threaded.renderTitre(titreView({ numero })))));
      const exits = terminate.mock.results;
      expect(exits).toHaveLength(0);
      await threaded.titresDone();
      // both stopped, and gone once titresDone has resolved: each terminate() settles when its thread exits
      expect(exits).toHaveLength(2);
      expect(await Promise.all(exits.map((r) => r.value))).toHaveLength(2);
      expect((await bordereauBytes(threaded, bordereauView())).equals(await bordereauBytes(inThread, bordereauView()))).toBe(true);
      expect(exits).toHaveLength(2); // the bordereau did not stop threads again
    } finally {
      await threaded.close();
      terminate.mockRestore();
    }
  });

  it('report a write the system refuses as the system’s error, with its code, not as a failed render', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'titres-threads-'));
    const threaded = createThreadedRenderer({ threads: 1, workerUrl });
    const file = join(dir, 'lecture-seule.pdf');
    await writeFile(file, '');
    const readOnly = openSync(file, 'r');
    try {
      const refused = await threaded.writeBordereau(bordereauView(), readOnly).then(
        () => undefined,
        (error: NodeJS.ErrnoException) => error,
      );
      expect(refused?.code).toBe('EBADF');
      expect(refused?.message).not.toMatch(/rendu PDF impossible/);
    } finally {
      closeSync(readOnly);
      await threaded.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
