/**
 * Issue 9: a real year of the samples, start to finish, with its seams (tariff-rules.md R5, R9, R10
 * as amended on 2026-11-30):
 *   15/06/2026  June run of 2026: Albigny-sur-Saône signs on 15/09/2026, so it is « a_venir » (R9);
 *   15/09/2026  a later run issues Albigny alone (E5: 281,05 €) with the next number;
 *   15/10/2026  autumn réduction of Écully's 2026 titre (-100,00 €, net 1 110,00 €);
 *   15/06/2027  June run of 2027: Écully capped on the net, round2(1 110,00 × 1,05) = 1 165,50 €;
 *   01/09/2027  correction of Écully's 2026 titre (-50,00 €): 2026 is closed, so it is the statement
 *               of a mandat on compte 673 of 2027 (R10), and it reports the knock-on on 2027:
 *               round2(1 060,00 × 1,05) = 1 113,00 €;
 *   15/09/2027  the next 2027 run issues the regularising réduction of 52,50 €;
 * then export-pes (the statement stays out of the titres flow) and verify.
 * Dates after today are a rehearsal on a copy: --allow-future-date (R9).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { expectPdfText as expectText } from '../render/pdf-tools.js';
import { copySamples, runCli, tempDirs } from './run-cli.js';

type Row = Record<string, string>;
const temp = tempDirs();

const csv = async (file: string): Promise<Row[]> => parse(await readFile(file, 'utf8'), { columns: true, skip_empty_lines: true, bom: true }) as Row[];
/** The document's text, pdftotext -layout: checked where poppler is installed. */
const expectPdfText = (file: string, present: string[], absent: string[] = []): void => expectText(file, present, absent, 'layout');

describe('a scripted year on the samples (issue 9)', () => {
  it('June run, Albigny in September, autumn réduction, June 2027, a 673 statement in 2027, the regularising réduction, export-pes, verify', async () => {
    const data = await copySamples();
    temp.track(data);
    const out = await temp();
    const cli = async (argv: string[]) => {
      const r = await runCli([...argv, '--allow-future-date']);
      expect(r.code, r.stderr).toBe(0);
      return r;
    };
    const issue = async (year: number, date: string) =>
      JSON.parse((await cli(['issue', '--data', data, '--year', String(year), '--out', out, '--date', date, '--json'])).stdout);
    const cancel = async (titre: string, montant: string, date: string) =>
      JSON.parse((await cli(['cancel', '--out', out, '--titre', titre, '--montant', montant, '--motif', 'Erreur de tarif', '--date', date, '--json'])).stdout);
    const ecully = (plan: { titres: any[] }) => plan.titres.find((t) => t.code_insee === '69081' && t.service === 'laclasse');

    // 15/06/2026: the June run; Albigny is to come
    const june = await issue(2026, '2026-06-15');
    expect(june.titres).toHaveLength(21);
    expect(june.sans_titre.find((s: any) => s.code_insee === '69003')).toMatchObject({
      motif: 'a_venir',
      detail: 'à émettre à partir du 15/09/2026 (début de la perception, art. 10.3)',
    });
    const ecully2026 = ecully(june);
    expect(ecully2026).toMatchObject({ montant: '1210.00' });

    // 15/09/2026: the run of the day Albigny signs issues it alone, next number
    const september = await issue(2026, '2026-09-15');
    expect(september.titres.map((t: any) => [t.code_insee, t.montant, t.numero])).toEqual([['69003', '281.05', 22]]);
    const albigny = september.titres[0];
    expectPdfText(path.join(out, albigny.fichier), ['Émis et rendu exécutoire le 15/09/2026']);

    // 15/10/2026: autumn réduction; nothing issued for 2027 yet, so no knock-on
    const autumn = await cancel(`2026-${ecully2026.numero}`, '100,00', '2026-10-15');
    expect(autumn.titres[0]).toMatchObject({ type: 'reduction', numero: 23, montant: '100.00' });
    expect(autumn.repercussions).toEqual([]);

    // 15/06/2027: R5 on the net 1 110,00
    const june2027 = await issue(2027, '2027-06-15');
    const ecully2027 = ecully(june2027);
    expect(ecully2027).toMatchObject({ montant: '1165.50', contribution_cible: '1460.06' });
    expect(june2027.titres.find((t: any) => t.code_insee === '69003')).toMatchObject({ regime: 'cible' }); // Albigny, full year

    // 01/09/2027: 2026 is closed: the statement of a mandat on compte 673 of 2027, its own series
    const closed = await cancel(`2026-${ecully2026.numero}`, '50,00', '2027-09-01');
    const etat = closed.titres[0];
    expect(etat).toMatchObject({ type: 'etat_annulation', numero: 1, bordereau: null, montant: '50.00', titre_origine: `2026-${ecully2026.numero}` });
    expect(etat.fichier).toBe('2027/titres/laclasse/69081-ecully/etat_annulation-2027-00001.pdf');
    expect(closed.repercussions).toEqual([
      { titre: `2027-${ecully2027.numero}`, code_insee: '69081', service: 'laclasse', ancien_montant: '1165.50', nouveau_montant: '1113.00', suite: 'reduction' },
    ]);
    expectPdfText(
      path.join(out, etat.fichier),
      [
        'État des annulations',
        'État n° 1',
        'Établi le 01/09/2027',
        `Titre d'origine : n° ${ecully2026.numero} de l'exercice 2026, émis le 15/06/2026, montant 1 210,00 €`,
        'Motif : Erreur de tarif',
        'compte 673 « Titres annulés (sur exercices antérieurs) »',
        'Montant annulé sur exercice clos : 50,00 €',
      ],
      ['rendu exécutoire', 'Bordereau', 'Date limite de paiement'],
    );

    // 15/09/2027: the regularising réduction of 2027's titre
    const regularising = await issue(2027, '2027-09-15');
    expect(regularising.titres).toHaveLength(1);
    expect(regularising.titres[0]).toMatchObject({
      type: 'reduction',
      montant: '52.50',
      titre_origine: `2027-${ecully2027.numero}`,
      motif: `régularisation : plafond recalculé après la réduction du titre 2026-${ecully2026.numero}`,
    });
    expectPdfText(path.join(out, regularising.titres[0].fichier), [
      'Titre de réduction –',
      'Motif : Régularisation : plafond',
      'Montant de la réduction : 52,50 €',
      `Montant du titre n° ${ecully2027.numero} après la présente correction : 1 113,00 €`,
    ]);

    // the journal: one series of titres per exercice, the statement in its own, no bordereau
    const journal = await csv(path.join(out, 'journal.csv'));
    const ecullyRows = journal.filter((r) => r.code_insee === '69081' && r.service === 'laclasse');
    expect(ecullyRows.map((r) => [r.exercice, r.type, r.montant, r.bordereau === '' ? 'sans bordereau' : 'bordereau', r.titre_origine])).toEqual([
      ['2026', 'titre', '1210.00', 'bordereau', ''],
      ['2026', 'reduction', '100.00', 'bordereau', `2026-${ecully2026.numero}`],
      ['2027', 'titre', '1165.50', 'bordereau', ''],
      ['2027', 'etat_annulation', '50.00', 'sans bordereau', `2026-${ecully2026.numero}`],
      ['2027', 'reduction', '52.50', 'bordereau', `2027-${ecully2027.numero}`],
    ]);
    expect((await runCli(['verify', '--out', out])).code).toBe(0);

    // export-pes: the statement is not in the titres flow
    await cli(['export-pes', '--out', out, '--year', '2026', '--date', '2026-10-20']);
    await cli(['export-pes', '--out', out, '--year', '2027', '--date', '2027-09-20']);
    const pes2027 = await readdir(path.join(out, '2027/pes'));
    expect(pes2027).toHaveLength(1);
    const flux = await readFile(path.join(out, '2027/pes', pes2027[0]), 'latin1');
    expect(flux).not.toContain('etat_annulation');
    const pieces2027 = journal.filter((r) => r.exercice === '2027' && r.type !== 'etat_annulation').length;
    expect(flux.match(/<Piece>/g)).toHaveLength(pieces2027);

    // verify after the exports: every file under OUT known, the PES flux by the export register
    // (exports-pes.csv) with its sha256 (issue 9 item 4)
    const verify = await runCli(['verify', '--out', out, '--json']);
    const { problemes } = JSON.parse(verify.stdout) as { problemes: Array<{ code: string; fichier?: string; gravite: string }> };
    expect(problemes.filter((p) => p.gravite === 'erreur')).toEqual([]);
    expect(verify.code, verify.stdout).toBe(0);
  }, 300_000);
});
