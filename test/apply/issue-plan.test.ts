import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setStageHook } from '../../src/apply/stages.js';
import { TitresError } from '../../src/errors/titres-error.js';
import { readJournal } from '../../src/io/journal.js';
import { fakeRenderer, makeDataset, makePlan, reduction, remainingPlan, removeDir, snapshot, tempDir, titre, issueLocked } from './fixtures.js';

let out: string;
beforeEach(async () => {
  out = await tempDir();
});
afterEach(async () => {
  await removeDir(out);
});

const june = makePlan([
  titre('69081', 'laclasse', '1210.00'),
  titre('69204', 'laclasse', '450.10'),
  titre('69081', 'toodego', '800.00'),
]);

async function issue(plan = june, options: { excel?: boolean; premierNumero?: number } = {}) {
  const dataset = makeDataset(options.premierNumero ? { premierNumero: options.premierNumero } : {});
  const history = await readJournal(out);
  return issueLocked(plan, { dataset, outDir: out, renderer: fakeRenderer(), excel: options.excel });
}

describe('issuePlan', () => {
  it('numbers documents from premierNumero and groups them in one bordereau per service', async () => {
    const result = await issue(june, { premierNumero: 101 });
    expect(Array.from(result.issued, (i) => [i.numero, i.bordereau])).toEqual([
      [101, 1],
      [102, 1],
      [103, 2],
    ]);
    expect(result.issued.at(0)!.fichier).toBe('2026/titres/laclasse/69081-ecully/titre-2026-00101.pdf');
    expect(result.bordereaux).toEqual([
      { numero: 1, nature: 'titres', service: 'laclasse', fichier: '2026/bordereaux/bordereau-2026-titres-0001-laclasse.pdf', total: '1660.10' },
      { numero: 2, nature: 'titres', service: 'toodego', fichier: '2026/bordereaux/bordereau-2026-titres-0002-toodego.pdf', total: '800.00' },
    ]);
    const journal = await readFile(join(out, 'journal.csv'), 'utf8');
    expect(journal.split('\n')[0]).toBe(
      'exercice,numero,bordereau,date_emission,type,code_insee,service,montant,regime,titre_origine,fichier,sha256,contribution_cible,converge,motif,' +
        'type_bordereau,taille,empreinte_registre,chaine',
    );
    expect(journal.split('\n')[1]).toMatch(
      /^2026,101,1,2026-06-15,titre,69081,laclasse,1210\.00,transitoire,,2026\/titres\/laclasse\/69081-ecully\/titre-2026-00101\.pdf,[0-9a-f]{64},1425\.55,non,,01,\d+,[0-9a-f]{64},[0-9a-f]{64}$/,
    );
    const pdf = await readFile(join(out, result.issued.at(0)!.fichier), 'utf8');
    expect(pdf).toContain('"dateEcheance":"2026-07-15"');
  });

  it('asks for the next batch\'s renders before journaling the current one, and journals in plan order', async () => {
    const renderer = fakeRenderer();
    const journaledAtRender: number[] = [];
    const render = renderer.renderTitre.bind(renderer);
    renderer.renderTitre = (view) => {
      const journal = join(out, 'journal.csv');
      journaledAtRender.push(existsSync(journal) ? readFileSync(journal, 'utf8').trim().split('\n').length - 1 : 0);
      return render(view);
    };
    const five = makePlan([
      ...['69081', '69204', '69290'].map((insee) => titre(insee, 'laclasse', '100.00')),
      ...['69081', '69204'].map((insee) => titre(insee, 'toodego', '100.00')),
    ]);
    const result = await issueLocked(five, { outDir: out, renderer, commitEvery: 2 });
    // Batches of 2: the renders of documents 1-4 are asked for before the first commit, the 5th
    // while the second batch is written (the first one journaled).
    expect(journaledAtRender).toEqual([0, 0, 0, 0, 2]);
    expect(Array.from(result.issued, (i) => [i.numero, i.document.service, i.document.codeInsee])).toEqual([
      [1, 'laclasse', '69081'],
      [2, 'laclasse', '69204'],
      [3, 'laclasse', '69290'],
      [4, 'toodego', '69081'],
      [5, 'toodego', '69204'],
    ]);
  });

  it('appends each batch\'s ledger rows once it is journaled: the ledgers are complete when finalizing starts (issue 12)', async () => {
    const five = makePlan([
      ...['69081', '69204', '69290'].map((insee) => titre(insee, 'laclasse', '100.00')),
      ...['69081', '69204'].map((insee) => titre(insee, 'toodego', '100.00')),
    ]);
    const ledgerFiles = () => readdirSync(join(out, 'registres'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.csv')).sort();
    let atFinalizing: string[] = [];
    setStageHook((name) => {
      if (name === 'finalizing') atFinalizing = ledgerFiles();
    });
    try {
      await issueLocked(five, { outDir: out, commitEvery: 2 });
    } finally {
      setStageHook(undefined);
    }
    expect(atFinalizing).toEqual([
      'laclasse/69081-ecully.csv',
      'laclasse/69204-saint-genis-laval.csv',
      'laclasse/69290-saint-priest.csv',
      'toodego/69081-ecully.csv',
      'toodego/69204-saint-genis-laval.csv',
    ]);
  });

  it('stops at a ledger it cannot append to, and the next run completes it (issue 12)', async () => {
    const five = makePlan([
      ...['69081', '69204', '69290'].map((insee) => titre(insee, 'laclasse', '100.00')),
      ...['69081', '69204'].map((insee) => titre(insee, 'toodego', '100.00')),
    ]);
    const reference = await tempDir();
    try {
      await issueLocked(five, { outDir: reference, commitEvery: 2 });
      // once the first batch is journaled, the ledger of the 4th document (second batch) becomes a folder: its append fails
      let commits = 0;
      setStageHook(async (name) => {
        if (name === 'committed' && ++commits === 1) await mkdir(join(out, 'registres/toodego/69081-ecully.csv'), { recursive: true });
      });
      const error = await issueLocked(five, { outDir: out, commitEvery: 2 })
        .catch((e: unknown) => e)
        .finally(() => setStageHook(undefined));
      expect(String(error)).toMatch(/EISDIR/);
      expect(existsSync(join(out, '.titres/run-2026.jsonl'))).toBe(true);
      await rm(join(out, 'registres/toodego/69081-ecully.csv'), { recursive: true });
      await issueLocked(remainingPlan(five, await readJournal(out)), { outDir: out, commitEvery: 2 });
      expect(await snapshot(out)).toEqual(await snapshot(reference));
    } finally {
      await removeDir(reference);
    }
  });

  it('renders two bordereaux at once, one per rendering thread, and registers them in their order (issue 12)', async () => {
    const renderer = fakeRenderer();
    const write = renderer.writeBordereau.bind(renderer);
    let inFlight = 0;
    let most = 0;
    let bothStarted: () => void = () => undefined;
    const second = new Promise<void>((resolve) => (bothStarted = resolve));
    renderer.writeBordereau = async (view, fd) => {
      most = Math.max(most, ++inFlight);
      if (inFlight === 2) bothStarted();
      await second; // the first waits for the second: rendered one after the other, it would never end
      try {
        return await write(view, fd);
      } finally {
        inFlight--;
      }
    };
    const result = await issueLocked(june, { outDir: out, renderer });
    expect(most).toBe(2);
    expect(result.bordereaux.map((b) => [b.numero, b.service])).toEqual([
      [1, 'laclasse'],
      [2, 'toodego'],
    ]);
    const register = await readFile(join(out, 'bordereaux.csv'), 'utf8');
    expect(register.split('\n').slice(1, 3).map((l) => l.split(',').slice(0, 5).join(','))).toEqual(['2026,1,01,titres,laclasse', '2026,2,01,titres,toodego']);
  });

  it('refuses to append to a ledger deleted since its documents were journaled, before writing anything', async () => {
    await issue(june);
    await rm(join(out, 'registres/laclasse/69081-ecully.csv'));
    const before = await snapshot(out);
    const correction = makePlan([reduction('69081', 'laclasse', '100.00', { exercice: 2026, numero: 1 })]);
    const error = await issue(correction).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TitresError);
    expect((error as TitresError).problems.map((p) => `${p.code} ${p.message}`)).toContain('FILE_MISSING registre de 69081/laclasse introuvable');
    expect(await snapshot(out)).toEqual(before);
  });

  it('continues the series in a second run, with a new bordereau, and never rewrites the journal', async () => {
    await issue(june);
    const before = await readFile(join(out, 'journal.csv'));
    const history = await readJournal(out);
    const added = makePlan([...june.documents, titre('69290', 'laclasse', '300.00')]);
    const result = await issue(remainingPlan(added, history));
    expect(Array.from(result.issued, (i) => [i.numero, i.bordereau, i.document.codeInsee])).toEqual([[4, 3, '69290']]);
    expect(result.bordereaux.map((b) => b.fichier)).toEqual(['2026/bordereaux/bordereau-2026-titres-0003-laclasse.pdf']);
    const after = await readFile(join(out, 'journal.csv'));
    expect(after.subarray(0, before.length).equals(before)).toBe(true);
    expect((await readJournal(out)).documents.map((d) => d.numero)).toEqual([1, 2, 3, 4]);
  });

  it('is idempotent: a re-run issues nothing and changes no file', async () => {
    await issue(june);
    const first = await snapshot(out);
    const result = await issue(remainingPlan(june, await readJournal(out)));
    expect(result).toEqual({ issued: [], bordereaux: [], recovered: { runs: [], orphans: [], tempFiles: [], tornJournalBytes: 0 } });
    expect(await snapshot(out)).toEqual(first);
  });

  it('refuses to issue a titre twice (ALREADY_ISSUED), before writing anything', async () => {
    await issue(june);
    const first = await snapshot(out);
    const error = await issue(june).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TitresError);
    expect((error as TitresError).kind).toBe('state');
    expect((error as TitresError).problems.map((p) => p.code)).toContain('ALREADY_ISSUED');
    expect(await snapshot(out)).toEqual(first);
  });

  it('numbers réductions in the same series, in a reductions bordereau numbered in its own series (R9, TypBord 02)', async () => {
    await issue(june);
    const history = await readJournal(out);
    const result = await issue(makePlan([reduction('69081', 'laclasse', '210.00', { exercice: 2026, numero: 1 })]));
    expect(Array.from(result.issued, (i) => [i.numero, i.bordereau, i.nature, i.fichier])).toEqual([
      [4, 1, 'reductions', '2026/titres/laclasse/69081-ecully/reduction-2026-00004.pdf'],
    ]);
    expect(result.bordereaux[0]).toMatchObject({ nature: 'reductions', numero: 1, total: '210.00', fichier: '2026/bordereaux/bordereau-2026-reductions-0001-laclasse.pdf' });
    const pdf = await readFile(join(out, result.issued.at(0)!.fichier), 'utf8');
    expect(pdf).toContain('"origine":{"numero":1,"exercice":2026,"dateEmission":"2026-06-15","montant":"1210.00","netAvant":"1210.00"}');
    const journal = await readJournal(out);
    expect(journal.documents[3]).toMatchObject({ type: 'reduction', titreOrigine: { exercice: 2026, numero: 1 }, motif: '=manquement de la Métropole' });
    expect(history.documents).toHaveLength(3);
    const ledger = parse(await readFile(join(out, 'registres/laclasse/69081-ecully.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(ledger.map((r) => [r.numero, r.type, r.montant, r.net_apres, r.titre_origine])).toEqual([
      ['1', 'titre', '1210.00', '1210.00', ''],
      ['4', 'reduction', '210.00', '1000.00', '2026-1'],
    ]);
    expect(ledger[1].motif).toBe("'=manquement de la Métropole");
  });

  it('refuses a réduction that would make the net negative', async () => {
    await issue(june);
    const error = await issue(makePlan([reduction('69204', 'laclasse', '450.11', { exercice: 2026, numero: 2 })])).catch((e: unknown) => e);
    expect((error as TitresError).problems.map((p) => p.code)).toEqual(['NET_NEGATIVE']);
  });

  it('writes ledgers with every liquidation figure', async () => {
    await issue(june);
    const text = await readFile(join(out, 'registres/laclasse/69081-ecully.csv'), 'utf8');
    const [row] = parse(text, { columns: true }) as Array<Record<string, string>>;
    expect(row).toMatchObject({
      exercice: '2026', numero: '1', bordereau: '1', date_emission: '2026-06-15', type: 'titre', code_insee: '69081', commune: 'Écully',
      siren: '216900811', service: 'laclasse', regime: 'transitoire', converge: 'non', population: '18243', population_type: 'totale',
      indice_valeur: '322.2', coefficient: '1.022208121827', contribution_cible: '1425.55', montant_anterieur: '1100.00', montant: '1210.00',
      fichier: '2026/titres/laclasse/69081-ecully/titre-2026-00001.pdf',
    });
  });

  it('is deterministic: the same plan into two empty folders gives byte-identical files', async () => {
    await issue(june);
    const other = await tempDir();
    try {
      await issueLocked(june, { dataset: makeDataset(), outDir: other, renderer: fakeRenderer() });
      expect(await snapshot(other)).toEqual(await snapshot(out));
    } finally {
      await removeDir(other);
    }
  });

  it('lets exactly one of two concurrent runs issue; the other fails with kind lock', async () => {
    const dataset = makeDataset();
    const run = () => issueLocked(june, { dataset, outDir: out, renderer: fakeRenderer() });
    const results = await Promise.allSettled([run(), run()]);
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect((failed[0].reason as TitresError).kind).toBe('lock');
    expect((failed[0].reason as TitresError).message).toMatch(/est verrouillé par une autre exécution \(pid \d+\)/);
    expect((await readJournal(out)).documents.map((d) => d.numero)).toEqual([1, 2, 3]);
  });

  it('keeps an existing ledger when the commune is renamed', async () => {
    await issue(makePlan([titre('69081', 'laclasse', '1210.00')]));
    const renamed = makePlan([{ ...titre('69081', 'laclasse', '1270.50', 2027), commune: 'Ecully-Ville' }], 2027, '2027-06-15');
    await issue(renamed);
    const text = await readFile(join(out, 'registres/laclasse/69081-ecully.csv'), 'utf8');
    expect(text.trim().split('\n')).toHaveLength(3);
  });
});
