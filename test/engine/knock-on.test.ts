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
import { adhesion, COMMUNES, d, dataset, ECULLY, EMPTY, issuePlan, point, populations, POPULATIONS_2026, syntec, SYNTEC_2025 } from './fixtures.js';

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
