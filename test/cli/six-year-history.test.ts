/**
 * The issue's « Done when »: a scripted six-year history of the samples (adhesions joining, leaving,
 * being corrected) issues titres and réductions that a finance officer can follow line by line in the
 * journal, the ledgers and the PDFs, and `verify` passes on it.
 *
 * One copy of the samples, one output folder, exercices 2026 → 2031 issued in June (--date N-06-15),
 * corrections at later dates, then a dry run of 2032 (« convention expirée »).
 *
 * Hand computation (tariff-rules.md), laclasse.com: F = 300,00, h = 0,06, S(ref) = Syntec 2025-01 = 315,2.
 * S(N) = the latest Syntec month published on or before 1 January N. The samples hold up to 2026-11
 * (330,0, published 31/12/2026); this script adds illustrative rows, one of them a drop:
 *   S(2026) = 2025-10 = 322,2   S(2027) = 2026-11 = 330,0   S(2028) = 2027-11 = 336,0
 *   S(2029) = 2028-11 = 342,0   S(2030) = 2029-11 = 338,0 (baisse)   S(2031) = 2030-11 = 345,0
 *   S(2032) = 2031-11 = 350,0
 * populations/N.csv for N ≥ 2028 is a copy of N-1's; Écully rises to 18 500 in 2029 (and after),
 * Givors's 2031 figure is corrected from 21 503 to 21 800 after its titre was issued.
 */
import { appendFile, copyFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { expectPdfText as expectText } from '../render/pdf-tools.js';
import { copySamples, runCli, tempDirs } from './run-cli.js';

type Row = Record<string, string>;

const temp = tempDirs('all');

async function csv(file: string): Promise<Row[]> {
  return parse(await readFile(file, 'utf8'), { columns: true, skip_empty_lines: true, bom: true }) as Row[];
}

/** Replaces the adhesions.csv line that starts with `prefix` (code_insee,service,) by `line`. */
async function editAdhesion(data: string, prefix: string, line: string): Promise<void> {
  const file = path.join(data, 'adhesions.csv');
  const lines = (await readFile(file, 'utf8')).split('\n');
  const i = lines.findIndex((l) => l.startsWith(prefix));
  expect(i, `adhesion ${prefix}`).toBeGreaterThan(0);
  lines[i] = line;
  await writeFile(file, lines.join('\n'));
}

/** Changes one commune's population_totale (and municipale) in populations/<year>.csv. */
async function editPopulation(data: string, year: number, code: string, municipale: number, totale: number): Promise<void> {
  const file = path.join(data, 'populations', `${year}.csv`);
  const lines = (await readFile(file, 'utf8')).split('\n');
  const i = lines.findIndex((l) => l.startsWith(`${code},`));
  expect(i).toBeGreaterThan(0);
  lines[i] = `${code},${municipale},${totale}`;
  await writeFile(file, lines.join('\n'));
}

/** The document's text in content order (pdftotext -raw: the two-column header is not interleaved); checked where poppler is installed. */
const expectPdfText = (file: string, present: string[], absent: string[] = []): void => expectText(file, present, absent, 'raw');

describe('a six-year history of the samples (2026 → 2031, then 2032)', () => {
  it('issues titres and réductions that follow the rules year by year; the journal, ledgers, PDFs agree; verify passes', async () => {
    const data = await copySamples();
    const out = await temp();
    temp.track(data);

    // Illustrative Syntec rows (R4): one November value per year, published on the last working day of December.
    await appendFile(
      path.join(data, 'indices/syntec.csv'),
      [
        '2027-11,336.0,2027-12-31,illustratif (test six ans)',
        '2028-11,342.0,2028-12-29,illustratif (test six ans)',
        '2029-11,338.0,2029-12-31,illustratif (test six ans : baisse)',
        '2030-11,345.0,2030-12-31,illustratif (test six ans)',
        '2031-11,350.0,2031-12-31,illustratif (test six ans)',
        '',
      ].join('\n'),
    );
    const addPopulations = async (year: number) => {
      await copyFile(path.join(data, 'populations', `${year - 1}.csv`), path.join(data, 'populations', `${year}.csv`)).catch(() => undefined);
    };

    const issue = async (year: number, date = `${year}-06-15`) => {
      const r = await runCli(['issue', '--data', data, '--year', String(year), '--out', out, '--date', date, '--json', '--allow-future-date']);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as { titres: any[]; sans_titre: any[]; avertissements: any[]; total: string };
    };
    const find = (plan: { titres: any[] }, code: string, service = 'laclasse') =>
      plan.titres.find((t) => t.code_insee === code && t.service === service);
    const motif = (plan: { sans_titre: any[] }, code: string, service = 'laclasse') =>
      plan.sans_titre.find((s) => s.code_insee === code && s.service === service)?.motif;

    // ---------------------------------------------------------------- 2026
    const y2026 = await issue(2026);
    // Écully (E1, E2): C = round2(1 394,58 × 322,2/315,2) = 1 425,55; cap = round2(1 100 × 1,10) = 1 210,00
    expect(find(y2026, '69081')).toMatchObject({ montant: '1210.00', contribution_cible: '1425.55', regime: 'transitoire', converge: false });
    // Albigny signs on 15/09/2026: not in the June run (R9 a_venir), issued by the run of that day
    // (E5): 108 days of 365, forfait mode: 281,05
    expect(motif(y2026, '69003')).toBe('a_venir');
    const y2026b = await issue(2026, '2026-09-15');
    expect(y2026b.titres).toHaveLength(1);
    expect(find(y2026b, '69003')).toMatchObject({ montant: '281.05', regime: 'prorata', numero: y2026.titres.length + 1 });

    // ---------------------------------------------------------------- 2027
    // Fleurieu's resiliation (samples): date_fin 14/12/2027, préavis 01/08/2027 + 3 months = 01/11/2027 ≤ 15/12/2027: valid,
    // the whole 2027 contribution is due (fin_en_cours_exercice = du).
    const y2027 = await issue(2027);
    // Écully (E4 with the samples' population): C = round2(1 394,58 × 330/315,2) = 1 460,06; cap = round2(1 210 × 1,05) = 1 270,50
    expect(find(y2027, '69081')).toMatchObject({ montant: '1270.50', contribution_cible: '1460.06', converge: false });
    expect(find(y2027, '69085')).toBeDefined();

    // ---------------------------------------------------------------- 2028
    await addPopulations(2028);
    // Charly joins on 01/03/2028 (leap year): prorata R6.
    await appendFile(path.join(data, 'adhesions.csv'), '69046,laclasse,2028-03-01,2028-03-01,,,,,\n');
    const y2028 = await issue(2028);
    // Charly, population 4 933: days = 31/12 − 01/03 + 1 = 306 of 366;
    // A = round2((300 × 306/366 + 0,06 × 4 933) × 336/315,2) = round2(546,7997… × 1,065990…) = 582,88; C = round2(595,98 × 1,065990…) = 635,31
    expect(find(y2028, '69046')).toMatchObject({ montant: '582.88', contribution_cible: '635.31', regime: 'prorata' });
    // Écully: C = round2(1 394,58 × 336/315,2) = 1 486,61; cap = round2(1 270,50 × 1,05) = round2(1 334,025) = 1 334,03 (half up)
    const ecully2028 = find(y2028, '69081');
    expect(ecully2028).toMatchObject({ montant: '1334.03', contribution_cible: '1486.61', converge: false });
    // Fleurieu left at the end of 2027: nothing for 2028
    expect(find(y2028, '69085')).toBeUndefined();
    expect(motif(y2028, '69085')).toBe('hors_periode');

    // Partial reduction of Écully's 2028 titre: 100,00 €, net 1 234,03 €.
    const cancel2028 = await runCli([
      'cancel', '--out', out, '--titre', `2028-${ecully2028.numero}`, '--montant', '100,00', '--motif', 'Service interrompu en mars', '--date', '2028-09-01', '--json', '--allow-future-date',
    ]);
    expect(cancel2028.code, cancel2028.stderr).toBe(0);
    const reduction2028 = JSON.parse(cancel2028.stdout).titres[0];
    expect(reduction2028).toMatchObject({ type: 'reduction', montant: '100.00', titre_origine: `2028-${ecully2028.numero}` });
    expect(reduction2028.numero).toBe(y2028.titres.length + 1); // same series as the titres, next number

    // Craponne gives notice on 01/06/2028 to leave on 09/12/2028 (signature 10/12/2025: day before the 3rd anniversary;
    // 01/06/2028 + 3 months = 01/09/2028 ≤ 10/12/2028): valid; 2028 stays due in full, nothing from 2029.
    await editAdhesion(data, '69069,laclasse,', '69069,laclasse,2025-12-10,,1200.00,2028-12-09,resiliation,2028-06-01,');

    // ---------------------------------------------------------------- 2029
    await addPopulations(2029);
    await editPopulation(data, 2029, '69081', 18100, 18500);
    const y2029 = await issue(2029);
    // Écully, population 18 500: C = round2((300 + 0,06 × 18 500) × 342/315,2) = round2(1 410 × 1,085025…) = 1 529,89
    // R5 on the NET amount of 2028 (R10): cap = round2(1 234,03 × 1,05) = round2(1 295,7315) = 1 295,73 (not 1 334,03 × 1,05 = 1 400,73)
    expect(find(y2029, '69081')).toMatchObject({ montant: '1295.73', contribution_cible: '1529.89', converge: false });
    expect(find(y2029, '69046')).toMatchObject({ montant: '646.65', regime: 'cible' }); // Charly, full year: round2(595,98 × 342/315,2)
    expect(find(y2029, '69069')).toBeUndefined();
    expect(motif(y2029, '69069')).toBe('hors_periode');
    // Bron, converged: C = round2((300 + 0,06 × 43 369) × 342/315,2) = round2(2 902,14 × 1,085025…) = 3 148,90
    const bron2029 = find(y2029, '69029');
    expect(bron2029).toMatchObject({ montant: '3148.90', contribution_cible: '3148.90', converge: true });

    // Breach by the Métropole after Bron's titre was issued: terminated on 30/09/2029.
    await editAdhesion(data, '69029,laclasse,', '69029,laclasse,2025-12-11,,2500.00,2029-09-30,manquement_metropole,,');
    const y2029b = await issue(2029, '2029-10-15');
    // R8: refund = round2(3 148,90 × 92/365) (octobre 31 + novembre 30 + décembre 31 = 92 days after the termination day)
    //            = round2(793,6953…) = 793,70 ; net 2 355,20
    expect(y2029b.titres).toHaveLength(1);
    const bronRefund = y2029b.titres[0];
    expect(bronRefund).toMatchObject({ type: 'reduction', code_insee: '69029', montant: '793.70', titre_origine: `2029-${bron2029.numero}` });
    expect(bronRefund.numero).toBe(y2029.titres.length + 1);
    expect(bronRefund.liquidation.map((l: any) => l.libelle).join('\n').replace(/[\u00a0\u202f]/g, ' ')).toContain('3 148,90 € × 92 / 365 = 793,70 €');

    // Dardilly gives late notice: leave on 07/12/2029 (signature 08/12/2025), notice received 01/10/2029;
    // 01/10/2029 + 3 months = 01/01/2030 > 08/12/2029, so the convention is renewed until E = 07/12/2030: billed for 2030.
    await editAdhesion(data, '69072,laclasse,', '69072,laclasse,2025-12-08,,1000.00,2029-12-07,resiliation,2029-10-01,');

    // ---------------------------------------------------------------- 2030
    await addPopulations(2030);
    const y2030 = await issue(2030);
    // Écully: C = round2(1 410 × 338/315,2) = 1 511,99 (index drop); cap = round2(1 295,73 × 1,05) = round2(1 360,5165) = 1 360,52
    expect(find(y2030, '69081')).toMatchObject({ montant: '1360.52', contribution_cible: '1511.99', converge: false });
    // Dardilly, late notice, renewed: round2((300 + 0,06 × 9 860) × 338/315,2) = round2(891,60 × 1,072335…) = 956,09
    expect(find(y2030, '69072')).toMatchObject({ montant: '956.09' });
    expect(y2030.avertissements.find((a) => a.code === 'PREAVIS_TARDIF')?.message).toContain("convention reconduite jusqu'au 07/12/2030");
    // Bron: terminated in 2029, nothing more
    expect(find(y2030, '69029')).toBeUndefined();
    expect(motif(y2030, '69029')).toBe('hors_periode');
    const caluire2030 = find(y2030, '69034');
    expect(caluire2030).toBeDefined();

    // Breach by Caluire (the commune) on 31/08/2030, after its titre: nothing refunded (R8), nothing issued.
    await editAdhesion(data, '69034,laclasse,', '69034,laclasse,2025-12-16,,2600.00,2030-08-31,manquement_commune,,');
    const y2030b = await issue(2030, '2030-09-15');
    expect(y2030b.titres).toEqual([]);
    expect(motif(y2030b, '69034')).toBe('deja_emis');

    // ---------------------------------------------------------------- 2031
    await addPopulations(2031);
    const y2031 = await issue(2031);
    // Écully: C = round2(1 410 × 345/315,2) = 1 543,31; cap = round2(1 360,52 × 1,05) = round2(1 428,546) = 1 428,55
    expect(find(y2031, '69081')).toMatchObject({ montant: '1428.55', contribution_cible: '1543.31', converge: false });
    for (const code of ['69029', '69034', '69069', '69072', '69085']) {
      expect(find(y2031, code), code).toBeUndefined();
      expect(motif(y2031, code), code).toBe('hors_periode');
    }
    // Givors, converged: round2((300 + 0,06 × 21 503) × 345/315,2) = round2(1 590,18 × 1,094543…) = 1 740,52
    const givors2031 = find(y2031, '69091');
    expect(givors2031).toMatchObject({ montant: '1740.52' });

    // Givors's population was wrong: full annulation, corrected data, re-issue of 2031.
    const cancel2031 = await runCli(['cancel', '--out', out, '--titre', `2031-${givors2031.numero}`, '--motif', 'Erreur de population', '--date', '2031-07-01', '--json', '--allow-future-date']);
    expect(cancel2031.code, cancel2031.stderr).toBe(0);
    const annulation = JSON.parse(cancel2031.stdout).titres[0];
    expect(annulation).toMatchObject({ type: 'annulation', montant: '1740.52', titre_origine: `2031-${givors2031.numero}`, numero: y2031.titres.length + 1 });
    await editPopulation(data, 2031, '69091', 21650, 21800);
    const y2031b = await issue(2031, '2031-07-02');
    // round2((300 + 0,06 × 21 800) × 345/315,2) = round2(1 608 × 1,094543…) = 1 760,03, next number after the annulation
    expect(y2031b.titres).toHaveLength(1);
    expect(y2031b.titres[0]).toMatchObject({ type: 'titre', code_insee: '69091', montant: '1760.03', numero: annulation.numero + 1 });

    // ---------------------------------------------------------------- 2032: convention expirée
    await addPopulations(2032);
    const dry2032 = await runCli(['issue', '--data', data, '--year', '2032', '--out', out, '--date', '2032-06-15', '--dry-run', '--json']);
    expect(dry2032.code, dry2032.stderr).toBe(0);
    const y2032 = JSON.parse(dry2032.stdout);
    // Écully signed on 18/12/2025: 6 years at most (art. 2) end on 17/12/2031
    const ecully2032 = y2032.sans_titre.find((s: any) => s.code_insee === '69081' && s.service === 'laclasse');
    expect(ecully2032).toMatchObject({ motif: 'expiree' });
    expect(ecully2032.detail).toContain('convention expirée le 17/12/2031');
    // only the adhesions signed later are still in force: Albigny (signed 15/09/2026) and Charly (01/03/2028)
    expect(y2032.titres.map((t: any) => t.code_insee).sort()).toEqual(['69003', '69046']);
    // Albigny, full year (ends 14/09/2032, fin_en_cours_exercice = du): round2((300 + 0,06 × 3 103) × 350/315,2) = 539,86
    expect(find(y2032, '69003')).toMatchObject({ montant: '539.86', regime: 'cible' });
    expect(y2032.titres.every((t: any) => t.numero === null)).toBe(true);

    // ---------------------------------------------------------------- the journal
    const journal = await csv(path.join(out, 'journal.csv'));
    for (let year = 2026; year <= 2031; year++) {
      const numbers = journal.filter((r) => r.exercice === String(year)).map((r) => Number(r.numero));
      // one continuous series per exercice, titres and corrections together, no gap, no duplicate (R9)
      expect(numbers, String(year)).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
    }
    expect(journal.some((r) => r.exercice === '2032')).toBe(false); // dry run: nothing written
    const corrections = journal.filter((r) => r.type !== 'titre');
    expect(corrections.map((r) => [r.exercice, r.numero, r.type, r.code_insee, r.montant, r.titre_origine])).toEqual([
      ['2028', String(reduction2028.numero), 'reduction', '69081', '100.00', `2028-${ecully2028.numero}`],
      ['2029', String(bronRefund.numero), 'reduction', '69029', '793.70', `2029-${bron2029.numero}`],
      ['2031', String(annulation.numero), 'annulation', '69091', '1740.52', `2031-${givors2031.numero}`],
    ]);
    for (const c of corrections) {
      // each correction cites a titre of the same exercice, for the same commune and service
      const [ex, num] = c.titre_origine.split('-');
      const origin = journal.find((r) => r.exercice === ex && r.numero === num);
      expect(origin).toMatchObject({ type: 'titre', code_insee: c.code_insee, service: c.service });
      expect(ex).toBe(c.exercice);
    }
    // Écully laclasse in the journal, year by year
    expect(
      journal.filter((r) => r.code_insee === '69081' && r.service === 'laclasse').map((r) => `${r.exercice} ${r.type} ${r.montant}`),
    ).toEqual([
      '2026 titre 1210.00',
      '2027 titre 1270.50',
      '2028 titre 1334.03',
      '2028 reduction 100.00',
      '2029 titre 1295.73',
      '2030 titre 1360.52',
      '2031 titre 1428.55',
    ]);

    // ---------------------------------------------------------------- the ledger of Écully × laclasse
    const ledger = await csv(path.join(out, 'registres/laclasse/69081-ecully.csv'));
    expect(ledger.map((r) => [r.exercice, r.numero, r.type, r.titre_origine, r.montant, r.net_apres, r.plafond, r.contribution_cible])).toEqual([
      ['2026', '5', 'titre', '', '1210.00', '1210.00', '1210.00', '1425.55'],
      ['2027', expect.any(String), 'titre', '', '1270.50', '1270.50', '1270.50', '1460.06'],
      ['2028', String(ecully2028.numero), 'titre', '', '1334.03', '1334.03', '1334.03', '1486.61'],
      ['2028', String(reduction2028.numero), 'reduction', `2028-${ecully2028.numero}`, '100.00', '1234.03', '', '1486.61'], // the reduction row repeats the original's target
      ['2029', expect.any(String), 'titre', '', '1295.73', '1295.73', '1295.73', '1529.89'],
      ['2030', expect.any(String), 'titre', '', '1360.52', '1360.52', '1360.52', '1511.99'],
      ['2031', expect.any(String), 'titre', '', '1428.55', '1428.55', '1428.55', '1543.31'],
    ]);
    // the ledger's 2029 row shows what the cap was computed on: A(N-1) net = 1 234,03
    expect(ledger.find((r) => r.exercice === '2029')!.montant_precedent).toBe('1234.03');
    expect(ledger.find((r) => r.exercice === '2029')!.population).toBe('18500');
    // the ledger numbers are the journal's
    for (const r of ledger) {
      expect(journal.find((j) => j.exercice === r.exercice && j.numero === r.numero)).toMatchObject({ code_insee: '69081', montant: r.montant, fichier: r.fichier });
    }
    // Bron's ledger: 2026 → 2029 titres and the 2029 refund, net 2 355,20
    const bronLedger = await csv(path.join(out, 'registres/laclasse/69029-bron.csv'));
    expect(bronLedger.map((r) => `${r.exercice} ${r.type} ${r.montant} ${r.net_apres}`).slice(-2)).toEqual(['2029 titre 3148.90 3148.90', '2029 reduction 793.70 2355.20']);

    // ---------------------------------------------------------------- the PDFs
    const refundRow = journal.find((r) => r.type === 'reduction' && r.code_insee === '69029')!;
    expectPdfText(
      path.join(out, refundRow.fichier),
      [
        'Titre de réduction',
        `Titre rectifié : n° ${bron2029.numero} de l'exercice 2029, émis le 15/06/2029`,
        'Motif : Restitution prorata temporis de la contribution, résiliation pour manquement de la Métropole le 30/09/2029',
        'commune de Bron',
        '793,70',
      ],
      ['manquement_metropole'],
    );
    expectPdfText(path.join(out, journal.find((r) => r.type === 'reduction' && r.code_insee === '69081')!.fichier), [
      `Titre rectifié : n° ${ecully2028.numero} de l'exercice 2028`,
      'Service interrompu en mars',
      '1 234,03',
    ]);
    expectPdfText(path.join(out, journal.find((r) => r.type === 'annulation')!.fichier), [
      `Titre rectifié : n° ${givors2031.numero} de l'exercice 2031`,
      'Erreur de population',
    ]);
    expectPdfText(path.join(out, journal.find((r) => r.exercice === '2029' && r.code_insee === '69081' && r.service === 'laclasse')!.fichier), ['1 234,03', '1 295,73']);

    // ---------------------------------------------------------------- verify
    const verify = await runCli(['verify', '--out', out, '--json']);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  }, 300_000);
});
