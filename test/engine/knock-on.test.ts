/**
 * R10 « Knock-on to the next exercices » (tariff-rules.md, added 2026-11-30): a correction of N's
 * titre changes A(N); a later titre issued under the R5 cap may now be too high. The correction
 * reports it; the next `issue` of that exercice issues the réduction of the excess; where R5 gives
 * more, nothing is issued; the chain follows on net amounts.
 *
 * Écully, P = 1 100,00 €: 2026 = 1 210,00 (E2); 2027 (population 18 400, S = 330,0) = 1 270,50 (E4);
 * 2028 (S = 336,0) = round2(1 270,50 × 1,05) = 1 334,03 — all capped.
 */
import { describe, expect, it } from 'vitest';
import type { History } from '../../src/engine/history.js';
import { knockOnChain, knockOnStepFr } from '../../src/engine/knock-on.js';
import { planCancellation } from '../../src/engine/plan-cancellation.js';
import { planExercice } from '../../src/engine/plan-exercice.js';
import type { Plan } from '../../src/engine/plan-types.js';
import { adhesion, COMMUNES, config, d, dataset, ECULLY, EMPTY, issuePlan, point, populations, POPULATIONS_2026, SMALL, syntec, SYNTEC_2025, TINY, toodego } from './fixtures.js';

const data = dataset({
  adhesions: [adhesion({ codeInsee: ECULLY, montantAnterieur: d('1100.00') })],
  populations: populations([2026, 2027, 2028], POPULATIONS_2026, { 2027: { [ECULLY]: [18100, 18400] }, 2028: { [ECULLY]: [18100, 18400] } }),
  indices: new Map([['syntec', syntec([...SYNTEC_2025, point('2026-10', '330.0', '2026-11-27'), point('2027-11', '336.0', '2027-12-20')])]]),
});

const plan = (journal: History, year: number, date = `${year}-06-15`): Plan => planExercice(data, journal, { exercice: year, dateEmission: date });

/** 2026, 2027 and 2028 issued in June. */
function threeYears(): History {
  let journal = EMPTY;
  for (const year of [2026, 2027, 2028]) journal = issuePlan(journal, plan(journal, year));
  return journal;
}

/** `cancel` of titre ref for `montant` on `date`, as the journal then holds it. */
function reduce(journal: History, ref: { exercice: number; numero: number }, montant: string, date: string): History {
  const doc = planCancellation(journal, { ...ref, motif: 'erreur', montant: d(montant), date }, { communes: COMMUNES });
  return issuePlan(journal, { ...plan(journal, ref.exercice, date), documents: [doc] });
}

const montants = (journal: History) => journal.documents.map((x) => `${x.exercice}-${x.numero} ${x.type} ${x.montant.toFixed(2)}`);

describe('R10 knock-on', () => {
  it('the correction reports every later titre whose R5 amount changes, old and new, the chain following net amounts', () => {
    const journal = reduce(threeYears(), { exercice: 2026, numero: 1 }, '100.00', '2026-12-01');
    const chain = knockOnChain(data, journal, { exercice: 2026, codeInsee: ECULLY, service: 'laclasse' }, '2026-12-01');
    // 2027: round2(1 110,00 × 1,05) = 1 165,50; 2028: round2(1 165,50 × 1,05) = round2(1 223,775) = 1 223,78
    expect(chain.map((s) => [`${s.titre.exercice}-${s.titre.numero}`, s.ancien.toFixed(2), s.nouveau.toFixed(2), s.suite])).toEqual([
      ['2027-1', '1270.50', '1165.50', 'reduction'],
      ['2028-1', '1334.03', '1223.78', 'reduction'],
    ]);
    expect(knockOnStepFr(chain[0]).replace(/[\u00a0\u202f]/g, ' ')).toBe(
      "titre 2027-1 (Écully, laclasse) : 1 270,50 € → 1 165,50 € selon le plafond recalculé ; la prochaine émission de l'exercice 2027 émettra la réduction de 105,00 €",
    );
  });

  it('the next issue of each later exercice issues the réduction of the excess, citing the later titre; then nothing more', () => {
    let journal = reduce(threeYears(), { exercice: 2026, numero: 1 }, '100.00', '2026-12-01');
    const y2027 = plan(journal, 2027, '2027-01-15');
    expect(y2027.documents).toHaveLength(1);
    const r2027 = y2027.documents[0];
    expect(r2027).toMatchObject({
      type: 'reduction',
      exercice: 2027,
      codeInsee: ECULLY,
      titreOrigine: { exercice: 2027, numero: 1 },
      motif: 'régularisation : plafond recalculé après la réduction du titre 2026-1',
    });
    expect(r2027.montant.toFixed(2)).toBe('105.00');
    const text = r2027.liquidation.map((l) => l.libelle).join('\n').replace(/[\u00a0\u202f]/g, ' ');
    expect(text).toContain('Montant 2026 net des réductions (titre n° 1) : 1 110,00 € ; plafond 2027 = 1 110,00 € × 1,05 = 1 165,50 €');
    expect(text).toContain('excédent 1 270,50 € − 1 165,50 € = 105,00 €');
    journal = issuePlan(journal, y2027);

    // 2028 now rests on 2027's net 1 165,50: its réduction cites the réduction of 2027's titre
    const y2028 = plan(journal, 2028, '2028-06-20');
    expect(y2028.documents.map((x) => [x.type, x.montant.toFixed(2), x.motif])).toEqual([
      ['reduction', '110.25', 'régularisation : plafond recalculé après la réduction du titre 2027-1'],
    ]);
    journal = issuePlan(journal, y2028);
    expect(montants(journal)).toEqual([
      '2026-1 titre 1210.00',
      '2027-1 titre 1270.50',
      '2028-1 titre 1334.03',
      '2026-2 reduction 100.00',
      '2027-2 reduction 105.00',
      '2028-2 reduction 110.25',
    ]);
    // regularised: a re-run issues nothing, and the ordinary « déjà émis » comes back
    const again = plan(journal, 2027, '2027-01-20');
    expect(again.documents).toEqual([]);
    expect(again.sansTitre[0].detail).toContain('déjà émis le 15/06/2027');
  });

  it('where R5 now gives more than the titre, nothing is issued and the run says so', () => {
    // 2027's titre reduced by 200,00 first (net 1 070,50); then 2026 by 10,00: R5 gives 2027
    // round2(1 200,00 × 1,05) = 1 260,00 > 1 070,50.
    let journal = reduce(threeYears(), { exercice: 2027, numero: 1 }, '200.00', '2027-09-01');
    journal = reduce(journal, { exercice: 2026, numero: 1 }, '10.00', '2026-12-01');
    const chain = knockOnChain(data, journal, { exercice: 2026, codeInsee: ECULLY, service: 'laclasse' }, '2026-12-01');
    expect(chain.map((s) => [s.ancien.toFixed(2), s.nouveau.toFixed(2), s.suite])).toEqual([['1070.50', '1260.00', 'aucune']]);
    const y2027 = plan(journal, 2027, '2027-10-01');
    expect(y2027.documents).toEqual([]);
    expect(y2027.sansTitre[0].motif).toBe('deja_emis');
    expect(y2027.sansTitre[0].detail).toContain("le plafond donnerait 1\u202f260,00 €");
    expect(y2027.sansTitre[0].detail).toContain("rien n'est émis, un seul titre par exercice");
  });

  it('an uncorrected year before, or a converged adhesion, gives no knock-on', () => {
    const journal = threeYears();
    expect(knockOnChain(data, journal, { exercice: 2026, codeInsee: ECULLY, service: 'laclasse' }, '2026-12-01')).toEqual([]);
    // P = 2 000 € > C: converged in 2026 (E3); a réduction of 2026 leaves 2027 at its target
    const converged = dataset({ ...data, adhesions: [adhesion({ codeInsee: ECULLY, montantAnterieur: d('2000.00') })] });
    let j = issuePlan(EMPTY, planExercice(converged, EMPTY, { exercice: 2026, dateEmission: '2026-06-15' }));
    j = issuePlan(j, planExercice(converged, j, { exercice: 2027, dateEmission: '2027-06-15' }));
    const doc = planCancellation(j, { exercice: 2026, numero: 1, motif: 'x', montant: d('100.00'), date: '2026-12-01' }, { communes: COMMUNES });
    j = issuePlan(j, { ...planExercice(converged, j, { exercice: 2026, dateEmission: '2026-12-01' }), documents: [doc] });
    expect(knockOnChain(converged, j, { exercice: 2026, codeInsee: ECULLY, service: 'laclasse' }, '2026-12-01')).toEqual([]);
    expect(planExercice(converged, j, { exercice: 2027, dateEmission: '2027-06-20' }).documents).toEqual([]);
  });
});

describe('R10 knock-on onto a closed exercice', () => {
  const lines = (doc: { liquidation: Array<{ libelle: string }> }) => doc.liquidation.map((l) => l.libelle).join('\n').replace(/[\u00a0\u202f]/g, ' ');

  it('a correction dated after 31 January N+2 reports the closed exercice N+1 as a statement of compte 673 to come, the open one as a réduction', () => {
    const journal = reduce(threeYears(), { exercice: 2026, numero: 1 }, '100.00', '2028-03-01');
    expect(journal.documents.at(-1)).toMatchObject({ type: 'etat_annulation', exercice: 2028 });
    const chain = knockOnChain(data, journal, { exercice: 2026, codeInsee: ECULLY, service: 'laclasse' }, '2028-03-01');
    expect(chain.map((s) => [`${s.titre.exercice}-${s.titre.numero}`, s.ancien.toFixed(2), s.nouveau.toFixed(2), s.suite])).toEqual([
      ['2027-1', '1270.50', '1165.50', 'etat'],
      ['2028-1', '1334.03', '1223.78', 'reduction'],
    ]);
    expect(knockOnStepFr(chain[0]).replace(/[\u00a0\u202f]/g, ' ')).toBe(
      "titre 2027-1 (Écully, laclasse) : 1 270,50 € → 1 165,50 € selon le plafond recalculé ; exercice 2027 clos : la prochaine émission de l'exercice en cours émettra l'état des annulations (compte 673) de 105,00 €",
    );
  });

  it('the next issue of the current exercice issues the statement for the closed exercice, then the réduction of its own titre on the net it leaves; then nothing more', () => {
    let journal = reduce(threeYears(), { exercice: 2026, numero: 1 }, '100.00', '2028-03-01');
    const y2028 = plan(journal, 2028, '2028-06-20');
    expect(y2028.documents.map((x) => [x.type, x.exercice, x.titreOrigine, x.montant.toFixed(2), x.motif])).toEqual([
      ['reduction', 2028, { exercice: 2028, numero: 1 }, '110.25', 'régularisation : plafond recalculé après la réduction du titre 2027-1'],
      ['etat_annulation', 2028, { exercice: 2027, numero: 1 }, '105.00', 'régularisation : plafond recalculé après la réduction du titre 2026-1'],
    ]);
    const statement = lines(y2028.documents[1]);
    expect(statement).toContain('Exercice 2027 clos le 31/01/2028');
    expect(statement).toContain('compte 673');
    expect(statement).toContain('excédent 1 270,50 € − 1 165,50 € = 105,00 €');
    journal = issuePlan(journal, y2028);
    expect(montants(journal).slice(-3)).toEqual(['2028-1 etat_annulation 100.00', '2028-2 reduction 110.25', '2028-2 etat_annulation 105.00']);
    expect(plan(journal, 2028, '2028-06-21').documents).toEqual([]);
  });

  it('a titre not yet issued in the current exercice rests on the net the statement leaves', () => {
    let journal = EMPTY;
    for (const year of [2026, 2027]) journal = issuePlan(journal, plan(journal, year));
    journal = reduce(journal, { exercice: 2026, numero: 1 }, '100.00', '2028-03-01');
    const y2028 = plan(journal, 2028, '2028-06-20');
    // 2028: round2(1 165,50 × 1,05) = 1 223,78 on 2027's net after the statement (not 1 334,03)
    expect(y2028.documents.map((x) => [x.type, x.montant.toFixed(2)])).toEqual([
      ['titre', '1223.78'],
      ['etat_annulation', '105.00'],
    ]);
    expect(lines(y2028.documents[0])).toContain('1 165,50 €');
  });

  it('an exercice still open on the run’s date keeps its réduction in its own exercice', () => {
    const journal = reduce(threeYears(), { exercice: 2026, numero: 1 }, '100.00', '2027-03-01');
    // 2027 is open until 31/01/2028: a run of 2028 in January leaves 2027's réduction to `issue --year 2027`
    expect(plan(journal, 2028, '2028-01-20').documents.filter((x) => x.titreOrigine?.exercice === 2027)).toEqual([]);
  });
});

/** Text with the narrow and ordinary no-break spaces of French amounts as plain spaces. */
const plain = (s: string): string => s.replace(/[\u00a0\u202f]/g, ' ');
const ON_ECULLY = { exercice: 2026, codeInsee: ECULLY, service: 'laclasse' };

describe('R10 knock-on: the documents and the report, word for word', () => {
  it('the réduction of the excess states R5 for the later exercice, then the correction of its titre', () => {
    const journal = reduce(threeYears(), { exercice: 2026, numero: 1 }, '100.00', '2026-12-01');
    const [r2027] = plan(journal, 2027, '2027-01-15').documents;
    // C(2027) = round2((300 + 0,06 × 18 400) × 330,0 / 315,2) = 1 469,92 (E4)
    expect(r2027.figures).toEqual({ contributionCible: '1469.92' });
    expect(r2027.liquidation.map((l) => [l.ref, plain(l.libelle), l.montant])).toEqual([
      ['R5 – art. 10.2', 'Montant 2026 net des réductions (titre n° 1) : 1 110,00 € ; plafond 2027 = 1 110,00 € × 1,05 = 1 165,50 €', undefined],
      ['R5 – art. 10.2', 'Montant = min(1 469,92 € ; 1 165,50 €) = 1 165,50 € (contribution-cible non atteinte)', '1165.50'],
      ['R10', "Titre d'origine : n° 1 de l'exercice 2027, émis le 15/06/2027, montant 1 270,50 €", '1270.50'],
      ['R10', "Montant net du titre d'origine avant la présente correction (montant émis moins les réductions déjà prononcées) : 1 270,50 €", '1270.50'],
      [
        'R10 – art. 10.2',
        'Montant 2027 recalculé sur le montant 2026 net des réductions (titre n° 1) : 1 165,50 € ; excédent 1 270,50 € − 1 165,50 € = 105,00 €',
        '1165.50',
      ],
      ['R10', "Montant net du titre d'origine après la présente correction : 1 165,50 €", '1165.50'],
      [
        'R10',
        'Montant de la réduction (motif : régularisation : plafond recalculé après la réduction du titre 2026-1) : 105,00 €',
        '105.00',
      ],
    ]);
  });

  it('where R5 gives more, the run and the report say that nothing is issued', () => {
    let journal = reduce(threeYears(), { exercice: 2027, numero: 1 }, '200.00', '2027-09-01');
    journal = reduce(journal, { exercice: 2026, numero: 1 }, '10.00', '2026-12-01');
    const [step] = knockOnChain(data, journal, ON_ECULLY, '2026-12-01');
    expect(plain(knockOnStepFr(step))).toBe(
      "titre 2027-1 (Écully, laclasse) : 1 070,50 € → 1 260,00 € selon le plafond recalculé ; montant supérieur : rien n'est émis (un seul titre par exercice)",
    );
    expect(plan(journal, 2027, '2027-10-01').sansTitre.map((s) => plain(s.detail))).toEqual([
      "titre n° 1 de 2027 déjà émis (1 070,50 €) ; après la réduction du titre 2026-1, le plafond donnerait 1 260,00 € : rien n'est émis, un seul titre par exercice (R9, R10)",
    ]);
  });
});

type Data = ReturnType<typeof dataset>;

/** `cancel` of titre ref (the whole net amount when `montant` is absent), as the journal then holds it. */
function correct(journal: History, ref: { exercice: number; numero: number }, montant: string | undefined, date: string): History {
  const doc = planCancellation(journal, { ...ref, motif: 'erreur', ...(montant ? { montant: d(montant) } : {}), date }, { communes: COMMUNES });
  return issuePlan(journal, { exercice: ref.exercice, dateEmission: date, documents: [doc], sansTitre: [], avertissements: [], total: d('0'), totalReductions: d('0') });
}

/** The journal after issuing each year in June on `data`. */
function issueYears(on: Data, years: number[], journal: History = EMPTY): History {
  for (const y of years) journal = issuePlan(journal, planExercice(on, journal, { exercice: y, dateEmission: `${y}-06-15` }));
  return journal;
}

const details = (on: Data, journal: History, year: number, date: string) =>
  planExercice(on, journal, { exercice: year, dateEmission: date }).sansTitre.map((s) => [s.motif, plain(s.detail)]);

describe('R10 knock-on: only a corrected year before a transitional titre', () => {
  // 2027's population becomes 10 000 after its titre: C(2027) = round2(900 × 330,0 / 315,2) = 942,26,
  // below the 1 270,50 issued, yet the cap never moved, so there is nothing to regularise.
  const changed = dataset({
    ...data,
    populations: populations([2026, 2027, 2028], POPULATIONS_2026, { 2027: { [ECULLY]: [10000, 10000] } }),
  });

  it('a titre whose year before was not corrected stays as issued, even when its own data changed', () => {
    const journal = threeYears();
    expect(details(changed, journal, 2027, '2027-09-01')).toEqual([['deja_emis', "titre n° 1 de l'exercice 2027 déjà émis le 15/06/2027 (R9)"]]);
  });

  it('an adhesion without montant antérieur has no cap: its titres are never regularised', () => {
    const cible = dataset({ ...data, adhesions: [adhesion({ codeInsee: ECULLY })] });
    let journal = issueYears(cible, [2026, 2027]);
    journal = correct(journal, { exercice: 2026, numero: 1 }, '100.00', '2026-12-01');
    const lower = dataset({ ...changed, adhesions: cible.adhesions });
    expect(knockOnChain(lower, journal, ON_ECULLY, '2026-12-01')).toEqual([]);
    expect(details(lower, journal, 2027, '2027-09-01')).toEqual([['deja_emis', "titre n° 1 de l'exercice 2027 déjà émis le 15/06/2027 (R9)"]]);
  });

  it('the correction of the last issued year has no later titre to report', () => {
    const journal = correct(issueYears(data, [2026, 2027]), { exercice: 2027, numero: 1 }, '100.00', '2027-09-01');
    expect(knockOnChain(data, journal, { ...ON_ECULLY, exercice: 2027 }, '2027-09-01')).toEqual([]);
  });

  it("a later year that can no longer be computed (its population gone) is not reported", () => {
    const journal = reduce(threeYears(), { exercice: 2026, numero: 1 }, '100.00', '2026-12-01');
    const gone = dataset({ ...data, populations: populations([2026, 2028]) });
    expect(knockOnChain(gone, journal, ON_ECULLY, '2026-12-01')).toEqual([]);
  });

  it('a later year no longer billed (the adhesion now ends in 2026) is not reported', () => {
    const journal = reduce(threeYears(), { exercice: 2026, numero: 1 }, '100.00', '2026-12-01');
    const ended = dataset({
      ...data,
      adhesions: [adhesion({ codeInsee: ECULLY, montantAnterieur: d('1100.00'), dateFin: '2026-12-17', motifFin: 'resiliation', datePreavis: '2026-06-01' })],
    });
    expect(details(ended, journal, 2027, '2027-09-01').map(([motif]) => motif)).toEqual(['hors_periode']);
    expect(knockOnChain(ended, journal, ON_ECULLY, '2026-12-01')).toEqual([]);
  });

  it('the pair looked up among the others; absent from the data, or now free, nothing is reported', () => {
    const journal = reduce(threeYears(), { exercice: 2026, numero: 1 }, '100.00', '2026-12-01');
    const others = [adhesion({ codeInsee: SMALL }), adhesion({ codeInsee: ECULLY, service: 'toodego' })];
    const among = dataset({ ...data, adhesions: [...others, ...data.adhesions] });
    expect(knockOnChain(among, journal, ON_ECULLY, '2026-12-01').map((s) => s.nouveau.toFixed(2))).toEqual(['1165.50', '1223.78']);
    expect(knockOnChain(dataset({ ...data, adhesions: others }), journal, ON_ECULLY, '2026-12-01')).toEqual([]);
    const free = config([{ id: 'laclasse', libelle: 'laclasse.com', gratuit: true }, toodego()]);
    expect(knockOnChain(dataset({ ...data, config: free }), journal, ON_ECULLY, '2026-12-01')).toEqual([]);
  });

  it('a commune missing from communes.csv is named by its code INSEE', () => {
    const journal = reduce(threeYears(), { exercice: 2026, numero: 1 }, '100.00', '2026-12-01');
    const unnamed = dataset({ ...data, communes: new Map() });
    expect(knockOnChain(unnamed, journal, ON_ECULLY, '2026-12-01').map((s) => s.commune)).toEqual([ECULLY, ECULLY]);
  });

  it("the adhesion's first exercice has no year before to regularise on, even when a titre of that year was corrected", () => {
    // 2026's titre issued, then annulled: the adhesion in fact starts on 1 January 2027. 2027 is its
    // first exercice (P + 10 % = 1 210,00), later reduced by 50,00: no cap from 2026 applies to it.
    let journal = correct(issueYears(data, [2026]), { exercice: 2026, numero: 1 }, undefined, '2026-12-01');
    const from2027 = dataset({ ...data, adhesions: [adhesion({ codeInsee: ECULLY, dateDebut: '2027-01-01', montantAnterieur: d('1100.00') })] });
    journal = issuePlan(journal, planExercice(from2027, journal, { exercice: 2027, dateEmission: '2027-01-15' }));
    expect(journal.documents.at(-1)).toMatchObject({ exercice: 2027, numero: 1, type: 'titre', montant: d('1210.00') });
    journal = correct(journal, { exercice: 2027, numero: 1 }, '50.00', '2027-03-01');
    expect(knockOnChain(from2027, journal, ON_ECULLY, '2027-03-01')).toEqual([]);
    expect(details(from2027, journal, 2027, '2027-09-01')).toEqual([['deja_emis', "titre n° 1 de l'exercice 2027 déjà émis le 15/01/2027 (R9)"]]);
  });
});

describe('R10 knock-on after the year before was annulled and fell under the threshold', () => {
  // Petiteville was given P = 20,00 €: 2026 = 22,00 € (P + 10 %), 2027 = 23,10 €. P was in fact
  // 12,50 €: 2026 is annulled, and recomputed it is 13,75 €, under the 15 € threshold (R5).
  const wrong = dataset({ adhesions: [adhesion({ codeInsee: TINY, montantAnterieur: d('20.00') })] });
  const right = (p: string) => dataset({ adhesions: [adhesion({ codeInsee: TINY, montantAnterieur: d(p) })] });
  const ON_TINY = { exercice: 2026, codeInsee: TINY, service: 'laclasse' };
  const annulled = () => correct(issueYears(wrong, [2026, 2027]), { exercice: 2026, numero: 1 }, undefined, '2026-12-01');

  it('2027 is reduced to R5 on the recomputed 2026, citing the annulled titre', () => {
    const journal = annulled();
    expect(knockOnChain(right('12.50'), journal, ON_TINY, '2026-12-01').map((s) => [s.ancien.toFixed(2), s.nouveau.toFixed(2), s.suite])).toEqual([
      ['23.10', '14.44', 'reduction'],
    ]);
    const [r] = planExercice(right('12.50'), journal, { exercice: 2027, dateEmission: '2027-01-15' }).documents;
    expect(r).toMatchObject({ type: 'reduction', titreOrigine: { exercice: 2027, numero: 1 }, motif: 'régularisation : plafond recalculé après la réduction du titre 2026-1' });
    expect(r.montant.toFixed(2)).toBe('8.66');
    expect(plain(r.liquidation[0].libelle)).toBe(
      'Montant 2026 liquidé sous le seuil de recouvrement, non émis : 13,75 € ; plafond 2027 = 13,75 € × 1,05 = 14,44 €',
    );
  });

  it('where R5 now gives nothing (P was 0,00 €), the régularisation annuls the whole titre', () => {
    const [r] = planExercice(right('0.00'), annulled(), { exercice: 2027, dateEmission: '2027-01-15' }).documents;
    expect(r).toMatchObject({ type: 'annulation', titreOrigine: { exercice: 2027, numero: 1 } });
    expect(r.montant.toFixed(2)).toBe('23.10');
    expect(plain(r.liquidation.at(-1)?.libelle ?? '')).toBe(
      "Montant de l'annulation (motif : régularisation : plafond recalculé après la réduction du titre 2026-1) : 23,10 €",
    );
  });
});

describe('R10 knock-on onto closed exercices: order, and where there is none', () => {
  const fourYears = dataset({
    ...data,
    populations: populations([2026, 2027, 2028, 2029], POPULATIONS_2026, {
      2027: { [ECULLY]: [18100, 18400] },
      2028: { [ECULLY]: [18100, 18400] },
      2029: { [ECULLY]: [18100, 18400] },
    }),
  });

  it('two closed exercices: a statement for each, in order, each on the net the one before leaves; then the current titre', () => {
    // 2026 reduced by 100,00 on 01/03/2029: 2027 and 2028 are closed. 2027: 1 270,50 → 1 165,50;
    // 2028: 1 334,03 → round2(1 165,50 × 1,05) = 1 223,78; 2029: round2(1 223,78 × 1,05) = 1 284,97.
    const journal = correct(issueYears(fourYears, [2026, 2027, 2028]), { exercice: 2026, numero: 1 }, '100.00', '2029-03-01');
    const y2029 = planExercice(fourYears, journal, { exercice: 2029, dateEmission: '2029-06-20' });
    expect(y2029.documents.map((x) => [x.type, x.exercice, x.commune, `${x.titreOrigine?.exercice ?? ''}-${x.titreOrigine?.numero ?? ''}`, x.montant.toFixed(2), x.motif ?? ''])).toEqual([
      ['titre', 2029, 'Écully', '-', '1284.97', ''],
      ['etat_annulation', 2029, 'Écully', '2027-1', '105.00', 'régularisation : plafond recalculé après la réduction du titre 2026-1'],
      ['etat_annulation', 2029, 'Écully', '2028-1', '110.25', 'régularisation : plafond recalculé après la réduction du titre 2027-1'],
    ]);
  });

  it('a closed exercice whose titre was annulled has nothing to regularise; the later titre stands as issued', () => {
    let journal = correct(threeYears(), { exercice: 2027, numero: 1 }, undefined, '2027-09-01');
    journal = correct(journal, { exercice: 2026, numero: 1 }, '100.00', '2028-03-01');
    const y2028 = planExercice(data, journal, { exercice: 2028, dateEmission: '2028-06-20' });
    expect(y2028.documents).toEqual([]);
    expect(y2028.sansTitre.map((s) => [s.motif, s.detail])).toEqual([['deja_emis', "titre n° 1 de l'exercice 2028 déjà émis le 15/06/2028 (R9)"]]);
  });

  it('a service now free gets no statement: it is free', () => {
    const journal = correct(threeYears(), { exercice: 2026, numero: 1 }, '100.00', '2028-03-01');
    const free = dataset({ ...data, config: config([{ id: 'laclasse', libelle: 'laclasse.com', gratuit: true }, toodego()]) });
    const y2028 = planExercice(free, journal, { exercice: 2028, dateEmission: '2028-06-20' });
    expect(y2028.documents).toEqual([]);
    expect(y2028.sansTitre.map((s) => s.motif)).toEqual(['gratuit']);
  });
});
