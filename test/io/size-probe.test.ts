/**
 * The PDFs' sizes measured in a worker while the journal is parsed (src/io/size-probe.ts, issue
 * 10: the folder check of 70 000 lines in under a second). A size is given only for the very
 * path the check would stat; the check finds the same damage through the worker as without it.
 */
import { rm, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkOutFolder, PROBE_FROM_BYTES } from '../../src/apply/check-out.js';
import type { IssuedDocument } from '../../src/engine/history.js';
import { dec } from '../../src/engine/money.js';
import { TitresError } from '../../src/errors/titres-error.js';
import { formatJournal } from '../../src/io/journal.js';
import { outPaths, resolveOut } from '../../src/io/output-layout.js';
import { CHUNK_LINES, startSizeProbe, type MeasuredLines, type SizeProbe } from '../../src/io/size-probe.js';
import { makeTempDir } from './helpers/temp-dir.js';

/** Parsed documents as the check gives them to the probe (src/io/journal-lines.ts does the same). */
const measured = (entries: readonly { line: number; doc: { fichier: string } }[]): MeasuredLines => ({
  length: entries.length,
  line: (k) => entries[k].line,
  fichier: (k) => entries[k].doc.fichier,
});

let temp: Awaited<ReturnType<typeof makeTempDir>>;
beforeEach(async () => {
  temp = await makeTempDir();
});
afterEach(async () => {
  await temp.cleanup();
});

/** The probe of OUT/journal.csv written with `journal`, as the folder check starts it. */
async function probeOf(journal: string, thread = true, bufferBytes?: number): Promise<SizeProbe> {
  await temp.write('journal.csv', journal);
  return startSizeProbe(temp.dir, { thread, journalBytes: Buffer.byteLength(journal), bufferBytes });
}

describe('startSizeProbe', () => {
  const journal = [
    'exercice,fichier,chaine',
    '2026,a.pdf,x', // present
    '2026,absent.pdf,x', // absent
    '2026,"b.pdf",x', // quoted: the worker's split takes the quotes in
    '2026,dossier/c.pdf,x', // present, in a folder
    '',
  ].join('\n');

  it('gives the size of the path a line names, null when absent, nothing for any other path (worker alone)', async () => {
    await temp.write('a.pdf', '0123456789');
    await temp.write('b.pdf', 'b');
    await temp.write('dossier/c.pdf', 'ccc');
    const probe = await probeOf(journal);
    try {
      const sizeAt = await probe.sizes(measured([])); // no parsed document: the main thread claims nothing
      expect(sizeAt(2, 'a.pdf')).toBe(10);
      expect(sizeAt(3, 'absent.pdf')).toBeNull();
      expect(sizeAt(4, 'b.pdf')).toBeUndefined(); // the worker stat'd « "b.pdf" », not b.pdf
      expect(sizeAt(5, 'dossier/c.pdf')).toBe(3);
      expect(sizeAt(2, 'autre.pdf')).toBeUndefined(); // not the path the worker stat'd on that line
      expect(sizeAt(2, 'b.pdf')).toBeUndefined(); // nor is this one, of the same length
      expect(sizeAt(5, 'a.pdf')).toBeUndefined();
      expect(sizeAt(1, 'fichier')).toBeUndefined(); // the header
      expect(sizeAt(99, 'a.pdf')).toBeUndefined();
    } finally {
      probe.stop();
    }
  });

  it('measures nothing in a journal without a fichier column', async () => {
    await temp.write('a.pdf', '0123456789');
    const probe = await probeOf('exercice,document\n2026,a.pdf\n');
    try {
      expect((await probe.sizes(measured([])))(2, 'a.pdf')).toBeUndefined();
    } finally {
      probe.stop();
    }
  });

  it('measures on the main thread the documents of the chunks it claims, by their parsed fichier', async () => {
    await temp.write('a.pdf', '0123456789');
    await temp.write('b.pdf', 'b');
    await temp.write('dossier/c.pdf', 'ccc');
    const probe = await probeOf(journal, false);
    const entries = [
      { line: 2, doc: { fichier: 'a.pdf' } },
      { line: 3, doc: { fichier: 'absent.pdf' } },
      { line: 4, doc: { fichier: 'b.pdf' } }, // the parser's reading of the quoted cell
      { line: 5, doc: { fichier: 'dossier/c.pdf' } },
    ];
    try {
      const sizeAt = await probe.sizes(measured(entries));
      expect(sizeAt(2, 'a.pdf')).toBe(10);
      expect(sizeAt(3, 'absent.pdf')).toBeNull();
      expect(sizeAt(4, 'b.pdf')).toBe(1);
      expect(sizeAt(5, 'dossier/c.pdf')).toBe(3);
      expect(sizeAt(2, 'autre.pdf')).toBeUndefined(); // not the path this thread stat'd on that line
      expect(sizeAt(1, 'fichier')).toBeUndefined();
    } finally {
      probe.stop();
    }
  });

  it('measures every document of a journal of several chunks, whichever thread claims each chunk, however the worker reads it', async () => {
    const lines = 3 * CHUNK_LINES + 7;
    const entries = Array.from({ length: lines }, (_, i) => ({ line: i + 2, doc: { fichier: `d/${i}.pdf` } }));
    for (const [i, e] of entries.entries()) if (i % 5 !== 0) await temp.write(e.doc.fichier, 'x'.repeat(i % 13));
    const text = ['exercice,fichier', ...entries.map((e) => `2026,${e.doc.fichier}`), ''].join('\n');
    // 5 bytes at a time: every line longer than the worker's buffer, and cut between two reads
    for (const bufferBytes of [undefined, 5]) {
      const probe = await probeOf(text, true, bufferBytes);
      try {
        const sizeAt = await probe.sizes(measured(entries));
        expect(entries.map((e, i) => sizeAt(e.line, e.doc.fichier) === (i % 5 === 0 ? null : i % 13))).not.toContain(false);
      } finally {
        probe.stop();
      }
    }
  });

  it('measures in the worker alone a journal read through a buffer shorter than its lines', async () => {
    await temp.write('a.pdf', '0123456789');
    await temp.write('dossier/c.pdf', 'ccc');
    const probe = await probeOf(journal, true, 3);
    try {
      const sizeAt = await probe.sizes(measured([]));
      expect([2, 3, 4, 5].map((line) => sizeAt(line, ['a.pdf', 'absent.pdf', 'b.pdf', 'dossier/c.pdf'][line - 2]))).toEqual([10, null, undefined, 3]);
    } finally {
      probe.stop();
    }
  });
});

describe('outPaths', () => {
  it('and resolveOut make the very string join makes, for plain and other relative paths alike', () => {
    const relatives = ['a.pdf', '2026/titres/x/69081-ecully/titre-2026-00001.pdf', './a', 'a/./b', 'a/../b', '../a', 'a//b', 'a/', '/a', '', '.', '..', 'a\\b', '.a/b..', 'a/.b/c.'];
    for (const outDir of ['/tmp/out', '/tmp/out/', 'out', './out', '.', '', '/', '/tmp/a/../out', 'a//b']) {
      const paths = outPaths(outDir);
      for (const relative of relatives) {
        expect([outDir, relative, paths.resolve(relative)]).toEqual([outDir, relative, join(outDir, relative)]);
        expect([outDir, relative, resolveOut(outDir, relative)]).toEqual([outDir, relative, join(outDir, relative)]);
      }
    }
  });
});

describe('checkOutFolder with the sizes measured in a worker', () => {
  /** A journal long enough for the worker, each document's PDF written with its journaled size. */
  async function folder(): Promise<IssuedDocument[]> {
    const docs = Array.from({ length: 2400 }, (_, n): IssuedDocument => {
      const i = n + 1;
      const content = `%PDF ${i}\n`;
      return {
        exercice: 2026,
        numero: i,
        bordereau: 1,
        dateEmission: '2026-06-15',
        type: 'titre',
        codeInsee: '69081',
        service: 'laclasse',
        montant: dec('10.00'),
        fichier: `2026/titres/laclasse/titre-2026-${String(i).padStart(5, '0')}.pdf`,
        sha256: 'a'.repeat(64),
        taille: Buffer.byteLength(content),
      };
    });
    for (const doc of docs) await temp.write(doc.fichier, `%PDF ${doc.numero}\n`);
    const journal = formatJournal(docs);
    expect(journal.length).toBeGreaterThan(PROBE_FROM_BYTES);
    await temp.write('journal.csv', journal);
    return docs;
  }

  const fileProblems = async (): Promise<string[]> => {
    const error = await checkOutFolder(temp.dir).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TitresError);
    return (error as TitresError).problems.filter((p) => p.code.startsWith('FILE_')).map((p) => `${p.code} ${p.message}`);
  };

  it('finds a missing PDF and a PDF of another size, on their journal lines', async () => {
    const docs = await folder();
    const [missing, resized] = [docs[7], docs[docs.length - 1]];
    await rm(`${temp.dir}/${missing.fichier}`);
    await truncate(`${temp.dir}/${resized.fichier}`, 2);
    expect(await fileProblems()).toEqual([
      `FILE_MISSING PDF du document 2026-8 (journal ligne 9) introuvable`,
      `FILE_SIZE_MISMATCH PDF du document 2026-${resized.numero} (journal ligne ${resized.numero + 1}) : 2 octets au lieu des ${resized.taille} journalisés`,
    ]);
  });

  it('finds no file problem in an intact folder', async () => {
    await folder();
    expect(await fileProblems()).toEqual([]); // only the bordereau never registered is told
  });
});
