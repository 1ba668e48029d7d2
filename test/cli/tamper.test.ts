/**
 * The tamper suite (issue 10): every kind of edit of an output folder, as an attacker or a clumsy
 * colleague with a text editor would make it, is seen by `verify` (exit 6) and refused by `issue`,
 * `cancel` and `export-pes` (exit 4, the problem and the fix), which write nothing.
 */
import { cp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, SAMPLES, tempDirs } from './run-cli.js';
import { snapshot } from '../apply/fixtures.js';

const temp = tempDirs('all');
const scratch = tempDirs();
let base: string;

beforeAll(async () => {
  base = await temp();
  const issued = await runCli(['issue', '--data', SAMPLES, '--year', '2026', '--out', base, '--date', '2026-06-15']);
  expect(issued.code).toBe(0);
}, 300_000);

const journal = (out: string): string => path.join(out, 'journal.csv');
const lines = async (file: string): Promise<string[]> => (await readFile(file, 'utf8')).split('\n');
const write = (file: string, rows: string[]): Promise<void> => writeFile(file, rows.join('\n'));
/** The journal's column index of `name`. */
const col = async (out: string, name: string): Promise<number> => (await lines(journal(out)))[0].split(',').indexOf(name);

async function firstLedger(out: string): Promise<string> {
  const folder = path.join(out, 'registres', 'laclasse');
  return path.join(folder, (await readdir(folder)).sort()[0]);
}

/** Each tampering: what it does to a copy of the issued folder, and the titre `cancel` then targets. */
const TAMPERINGS: Array<{
  name: string;
  edit: (out: string) => Promise<void>;
  /** The problem issue/cancel/export-pes name; `verify` names `verifyCode` when it differs (it hashes every PDF). */
  code: string;
  verifyCode?: string;
  /** export-pes does not read ledgers: an edited ledger is for issue and cancel, which append to it. */
  pes?: false;
}> = [
  {
    name: 'an edited amount',
    code: 'JOURNAL_CHAIN_BROKEN',
    edit: async (out) => {
      const rows = await lines(journal(out));
      const m = await col(out, 'montant');
      const cells = rows[2].split(',');
      cells[m] = (Number(cells[m]) + 200).toFixed(2);
      rows[2] = cells.join(',');
      await write(journal(out), rows);
    },
  },
  {
    name: 'a duplicated line',
    code: 'JOURNAL_CHAIN_BROKEN',
    edit: async (out) => {
      const rows = await lines(journal(out));
      rows.splice(4, 0, rows[3]);
      await write(journal(out), rows);
    },
  },
  {
    name: 'a renumbered line',
    code: 'JOURNAL_CHAIN_BROKEN',
    edit: async (out) => {
      const rows = await lines(journal(out));
      rows[5] = rows[5].replace(/^2026,5,/, '2026,50,');
      await write(journal(out), rows);
    },
  },
  {
    name: 'a deleted line in the middle',
    code: 'JOURNAL_CHAIN_BROKEN',
    edit: async (out) => {
      const rows = await lines(journal(out));
      rows.splice(10, 1);
      await write(journal(out), rows);
    },
  },
  {
    name: 'the last line deleted',
    code: 'BORDEREAU_MISMATCH',
    edit: async (out) => {
      const rows = await lines(journal(out));
      rows.splice(rows.length - 2, 1);
      await write(journal(out), rows);
    },
  },
  {
    name: 'two swapped lines',
    code: 'JOURNAL_CHAIN_BROKEN',
    edit: async (out) => {
      const rows = await lines(journal(out));
      [rows[3], rows[4]] = [rows[4], rows[3]];
      await write(journal(out), rows);
    },
  },
  {
    name: 'a journal cut in the middle of a line, without an interrupted run',
    code: 'JOURNAL_CUT',
    edit: async (out) => {
      const text = await readFile(journal(out), 'utf8');
      await truncate(journal(out), Buffer.byteLength(text.slice(0, Math.floor(text.length / 2))));
    },
  },
  {
    name: 'a modified PDF',
    code: 'FILE_SIZE_MISMATCH',
    verifyCode: 'HASH_MISMATCH',
    edit: async (out) => {
      const fichier = (await lines(journal(out)))[1].split(',')[await col(out, 'fichier')];
      const pdf = path.join(out, fichier);
      await writeFile(pdf, Buffer.concat([await readFile(pdf), Buffer.from('% ajout\n')]));
    },
  },
  {
    name: 'a deleted PDF',
    code: 'FILE_MISSING',
    edit: async (out) => {
      const fichier = (await lines(journal(out)))[1].split(',')[await col(out, 'fichier')];
      await rm(path.join(out, fichier));
    },
  },
  {
    name: 'an edited population in a ledger',
    code: 'LEDGER_MISMATCH',
    pes: false,
    edit: async (out) => {
      const ledger = await firstLedger(out);
      const rows = await lines(ledger);
      const p = rows[0].split(',').indexOf('population');
      const cells = rows[1].split(',');
      cells[p] = String(Number(cells[p]) + 1);
      rows[1] = cells.join(',');
      await write(ledger, rows);
    },
  },
  {
    name: 'an edited total in the register of bordereaux',
    code: 'REGISTER_CHAIN_BROKEN',
    edit: async (out) => {
      const file = path.join(out, 'bordereaux.csv');
      const rows = await lines(file);
      rows[1] = rows[1].replace(/,(\d+)\.(\d\d),/, (_, e: string, c: string) => `,${Number(e) + 1}.${c},`);
      await write(file, rows);
    },
  },
  {
    name: 'documents without a journal',
    code: 'JOURNAL_MISSING',
    edit: async (out) => {
      await rm(journal(out));
    },
  },
];

/** The titre of the first ledger's commune (so that cancel touches the edited ledger too). */
async function titreToCancel(): Promise<string> {
  const code = path.basename(await firstLedger(base)).slice(0, 5);
  const rows = (await lines(journal(base))).slice(1).filter(Boolean);
  const row = rows.map((r) => r.split(',')).find((c) => c[5] === code && c[6] === 'laclasse')!;
  return `${row[0]}-${row[1]}`;
}

describe('a tampered output folder', () => {
  for (const t of TAMPERINGS) {
    it(`${t.name}: verify exits 6, issue, cancel and export-pes exit 4 and write nothing`, async () => {
      const out = await scratch();
      await cp(base, out, { recursive: true });
      await t.edit(out);
      const before = await snapshot(out);

      const verify = await runCli(['verify', '--out', out]);
      expect(verify.code, verify.stderr).toBe(6);
      expect(verify.stderr).toContain(t.verifyCode ?? t.code);

      const titre = await titreToCancel();
      const commands = [
        ['issue', '--data', SAMPLES, '--year', '2027', '--out', out, '--date', '2027-06-15', '--allow-future-date'],
        ['cancel', '--data', SAMPLES, '--out', out, '--titre', titre, '--montant', '10,00', '--motif', 'essai', '--date', '2026-09-01'],
        ['export-pes', '--data', SAMPLES, '--out', out, '--year', '2026', '--date', '2026-09-01'],
      ].filter((argv) => argv[0] !== 'export-pes' || t.pes !== false);
      for (const argv of commands) {
        const run = await runCli(argv);
        expect(run.code, `${argv[0]}: ${run.stderr}`).toBe(4);
        expect(run.stderr).toContain(t.code);
        expect(run.stderr).toContain('OUT_DAMAGED');
        expect(run.stderr).toContain('restaurez-le depuis la sauvegarde');
      }
      expect(await snapshot(out)).toEqual(before); // nothing written by any of them
    }, 300_000);
  }

  it('verify names the first broken link of the chain: its line and what differs', async () => {
    const out = await scratch();
    await cp(base, out, { recursive: true });
    const rows = await lines(journal(out));
    rows.splice(4, 0, rows[3]);
    await write(journal(out), rows);
    const verify = await runCli(['verify', '--out', out]);
    expect(verify.stderr).toMatch(/journal\.csv:5: erreur JOURNAL_CHAIN_BROKEN: journal : chaînage rompu à la ligne 5 : copie de la ligne 4/);
  });
});
