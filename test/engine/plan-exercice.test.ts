/** planExercice: ordering, totals, free services, deja_emis and re-issue (R9/R10), problems at once. */
import { describe, expect, it } from 'vitest';
import { planExercice } from '../../src/engine/plan-exercice.js';
import { sortDocuments, sortSansTitre } from '../../src/engine/plan-order.js';
import { inFull, type NoTitre, type PlannedDocument } from '../../src/engine/plan-types.js';
import { ProblemSink } from '../../src/engine/problem-sink.js';
import { problem } from '../../src/errors/problem.js';
import { adhesion, at2026, d, dataset, ECULLY, EMPTY, issued, issuePlan, point, populationTable, SMALL, syntec, thrownError, TINY } from './fixtures.js';

describe('planExercice', () => {
  const data = dataset({
    adhesions: [
      adhesion({ codeInsee: SMALL, service: 'toodego' }),
      adhesion({ codeInsee: SMALL }),
      adhesion({ codeInsee: ECULLY, service: 'geonet' }),
      adhesion({ codeInsee: ECULLY }),
      adhesion({ codeInsee: ECULLY, service: 'data-grandlyon' }),
    ],
  });

  it('sorts documents and sansTitre by service then code_insee, and totals the titres', () => {
    const plan = planExercice(data, EMPTY, at2026);
    expect(plan.documents.map((x) => `${x.service}/${x.codeInsee}`)).toEqual(['laclasse/69033', 'laclasse/69081', 'toodego/69033']);
    expect(plan.sansTitre.map((x) => `${x.service}/${x.motif}`)).toEqual(['data-grandlyon/gratuit', 'geonet/gratuit']);
    const sum = plan.documents.reduce((t, x) => t.plus(x.montant), d('0'));
    expect(plan.total.eq(sum)).toBe(true);
    expect(plan.totalReductions.toFixed(2)).toBe('0.00');
  });

  it('names a commune absent from communes.csv by its code INSEE, on titres and on sansTitre', () => {
    const plan = planExercice({ ...data, communes: new Map() }, EMPTY, at2026);
    expect(plan.documents.map((x) => [x.codeInsee, x.commune])).toEqual([[SMALL, SMALL], [ECULLY, ECULLY], [SMALL, SMALL]]);
    expect(plan.sansTitre.map((x) => x.commune)).toEqual([ECULLY, ECULLY]);
  });

  it('ends the liquidation with the amount due', () => {
    for (const doc of planExercice(data, EMPTY, at2026).documents) {
      expect(doc.liquidation.at(-1)?.montant).toBe(doc.montant.toFixed(2));
    }
  });

  it('is deterministic: the same inputs give the same plan', () => {
    expect(JSON.stringify(planExercice(data, EMPTY, at2026))).toBe(JSON.stringify(planExercice(data, EMPTY, at2026)));
  });

  it('a titre written as JSON (the run file of an issue) carries its liquidation, built on demand', () => {
    const [titre] = planExercice(data, EMPTY, at2026).documents;
    const lines = JSON.parse(JSON.stringify(titre)).liquidation;
    expect(lines.length).toBeGreaterThan(3);
    expect(lines).toEqual(titre.liquidation);
    expect(lines.at(-1)).toEqual({ ref: 'R4 – annexe laclasse.com §6', libelle: "Montant dû au titre de l'exercice 2026 : 496,98 €", montant: '496.98' });
  });

  it('holds a titre compactly (issue 12): figures and liquidation are produced when read, the same as in full', () => {
    const transit = dataset({ adhesions: [adhesion({ codeInsee: ECULLY, montantAnterieur: d('1100.00') })] });
    const journal = issuePlan(EMPTY, planExercice(transit, EMPTY, { exercice: 2025, dateEmission: '2025-06-15' }));
    const transitional = planExercice(transit, journal, at2026).documents;
    expect(transitional.map((t) => t.regime)).toEqual(['transitoire']);
    // R6 (a start during N), R7 (an end during N) and R8 (a breach by the Métropole): their figures too
    const ends = dataset({
      adhesions: [
        adhesion({ codeInsee: ECULLY, dateDebut: '2026-03-01' }),
        adhesion({ codeInsee: ECULLY, service: 'geonet', dateFin: '2026-06-30', motifFin: 'manquement_commune' }),
        adhesion({ codeInsee: SMALL, dateFin: '2026-09-30', motifFin: 'resiliation' }),
        adhesion({ codeInsee: SMALL, service: 'toodego', dateFin: '2026-06-30', motifFin: 'manquement_metropole' }),
      ],
    });
    const ended = planExercice(ends, EMPTY, at2026).documents;
    expect(ended.map((t) => t.regime)).toEqual(expect.arrayContaining(['prorata']));
    expect(ended.some((t) => t.figures.remboursement !== undefined)).toBe(true);
    for (const titre of [...planExercice(data, EMPTY, at2026).documents, ...transitional, ...ended]) {
      expect(Object.keys(titre)).not.toContain('liquidation');
      expect(Object.keys(titre)).not.toContain('figures');
      const full = inFull(titre);
      expect(Object.keys(full)).toEqual(expect.arrayContaining(['liquidation', 'figures', 'montant', 'contributionCible']));
      expect(titre.liquidation).toEqual(full.liquidation);
      expect(titre.figures).toEqual(full.figures);
      expect(full.montant.eq(titre.montant)).toBe(true);
      expect(full.contributionCible!.eq(titre.contributionCible!)).toBe(true);
      expect(full.figures.contributionCible).toBe(titre.contributionCible!.toFixed(2));
      expect('converge' in titre).toBe('converge' in full);
    }
  });

  it('does not issue twice (deja_emis), and issues anew after a full annulation', () => {
    const first = planExercice(data, EMPTY, at2026);
    const journal = issuePlan(EMPTY, first);
    const second = planExercice(data, journal, at2026);
    expect(second.documents).toEqual([]);
    expect(second.sansTitre.filter((x) => x.motif === 'deja_emis')).toHaveLength(3);
    const ecully = journal.documents.find((x) => x.codeInsee === ECULLY)!;
    const annulled = {
      documents: [...journal.documents, issued({ exercice: 2026, numero: 10, codeInsee: ECULLY, type: 'annulation', montant: ecully.montant, titreOrigine: { exercice: 2026, numero: ecully.numero } })],
    };
    const third = planExercice(data, annulled, at2026);
    expect(third.documents.map((x) => x.codeInsee)).toEqual([ECULLY]);
    expect(third.documents[0].montant.toFixed(2)).toBe('1425.55');
  });

  it('reports a missing N-1 titre of a transitional adhesion as a state error naming it', () => {
    const transit = dataset({ adhesions: [adhesion({ codeInsee: ECULLY, montantAnterieur: d('1100.00') })] });
    const e = thrownError(() => planExercice(transit, EMPTY, { exercice: 2027, dateEmission: '2027-06-15' }));
    expect(e.kind).toBe('state');
    expect(e.problems[0].code).toBe('TITRE_PRECEDENT_ABSENT');
    expect(e.problems[0].message).toContain('« 2026 »');
    expect(e.problems[0].message).toContain('« 69081 » (Écully)');
    expect(e.problems[0].message).toContain('« laclasse »');
  });

  it('reports all problems at once, as a data error when data and state problems both occur', () => {
    const broken = dataset({
      adhesions: [
        adhesion({ codeInsee: ECULLY, montantAnterieur: d('1100.00') }), // needs the 2026 titre: state
        adhesion({ codeInsee: TINY, service: 'toodego' }), // population missing: data
        adhesion({ codeInsee: SMALL }),
      ],
      populations: new Map([[2027, populationTable(2027, { [ECULLY]: [1, 18243], [SMALL]: [1, 3103] })]]),
      indices: new Map([['syntec', syntec([point('2025-01', '315.2', '2025-02-28')])]]),
    });
    const e = thrownError(() => planExercice(broken, EMPTY, { exercice: 2027, dateEmission: '2027-06-15' }));
    expect(e.kind).toBe('data');
    expect(e.problems.map((p) => p.code).sort()).toEqual(['POPULATION_COMMUNE_ABSENTE', 'TITRE_PRECEDENT_ABSENT']);
    const missingFile = thrownError(() => planExercice(broken, EMPTY, { exercice: 2028, dateEmission: '2028-06-15' }));
    // one missing file reported once, whatever the number of adhesions needing it
    expect(missingFile.problems.filter((p) => p.code === 'POPULATION_FICHIER_ABSENT')).toHaveLength(1);
  });

  it('reports an index unknown on 1 January as a data error', () => {
    const noIndex = dataset({ adhesions: [adhesion({ codeInsee: ECULLY })], indices: new Map([['syntec', syntec([point('2025-01', '315.2', '2026-02-28')])]]) });
    const e = thrownError(() => planExercice(noIndex, EMPTY, at2026));
    expect(e.kind).toBe('data');
    expect(e.problems.map((p) => p.code)).toEqual(['INDICE_NON_CONNU']);
  });
});

describe('R9 order of the plan and problems reported once', () => {
  const doc = (service: string, codeInsee: string, type: PlannedDocument['type'], numero?: number): PlannedDocument => ({
    type,
    exercice: 2026,
    codeInsee,
    commune: codeInsee,
    service,
    montant: d('1.00'),
    liquidation: [],
    figures: {},
    ...(numero !== undefined ? { titreOrigine: { exercice: 2026, numero } } : {}),
  });
  const key = (x: PlannedDocument) => `${x.service}/${x.codeInsee}/${x.type}/${x.titreOrigine?.numero ?? ''}`;

  it('sorts by service, code_insee, titres before reductions before annulations, then the original number', () => {
    const shuffled = [
      doc('toodego', '69033', 'titre'),
      doc('laclasse', '69081', 'annulation', 2),
      doc('laclasse', '69081', 'reduction', 9),
      doc('laclasse', '69081', 'reduction', 4),
      doc('laclasse', '69081', 'titre'),
      doc('laclasse', '69033', 'reduction', 1),
      doc('Laclasse', '69033', 'titre'),
    ];
    expect(sortDocuments(shuffled).map(key)).toEqual([
      'Laclasse/69033/titre/',
      'laclasse/69033/reduction/1',
      'laclasse/69081/titre/',
      'laclasse/69081/reduction/4',
      'laclasse/69081/reduction/9',
      'laclasse/69081/annulation/2',
      'toodego/69033/titre/',
    ]);
    expect(sortDocuments([doc('laclasse', '69081', 'reduction', 4), doc('laclasse', '69081', 'reduction', 4)]).length).toBe(2);
    // already in order: a later key never loses to an earlier one on a lesser criterion
    const ordered = [
      doc('laclasse', '69033', 'reduction', 1),
      doc('laclasse', '69081', 'titre'),
      doc('laclasse', '69081', 'reduction', 4),
      doc('laclasse', '69081', 'reduction', 9),
      doc('toodego', '69033', 'titre'),
      doc('toodego', '69033', 'titre'),
    ];
    expect(sortDocuments(ordered).map(key)).toEqual(ordered.map(key));
    const none = (service: string, codeInsee: string): NoTitre => ({ service, codeInsee, commune: codeInsee, motif: 'gratuit', detail: '' });
    expect(sortSansTitre([none('geonet', '69081'), none('geonet', '69033'), none('data-grandlyon', '69081')]).map((x) => `${x.service}/${x.codeInsee}`)).toEqual([
      'data-grandlyon/69081',
      'geonet/69033',
      'geonet/69081',
    ]);
    expect(sortSansTitre([none('data-grandlyon', '69081'), none('geonet', '69033')]).map((x) => `${x.service}/${x.codeInsee}`)).toEqual([
      'data-grandlyon/69081',
      'geonet/69033',
    ]);
  });

  it('totals titres and corrections apart', () => {
    const history = { documents: [issued({ exercice: 2026, numero: 1, codeInsee: ECULLY, montant: d('1425.55') })] };
    const data = dataset({
      adhesions: [adhesion({ codeInsee: ECULLY, dateFin: '2026-06-30', motifFin: 'manquement_metropole' }), adhesion({ codeInsee: SMALL })],
    });
    const plan = planExercice(data, history, at2026);
    expect(plan.documents.map((x) => `${x.codeInsee}/${x.type}`)).toEqual(['69033/titre', '69081/reduction']);
    expect(plan.total.toFixed(2)).toBe('496.98');
    expect(plan.totalReductions.toFixed(2)).toBe('718.63');
    expect(plan).toMatchObject({ exercice: 2026, dateEmission: '2026-06-15' });
  });

  it('keeps a problem met several times once, warnings sorted, errors thrown as state unless one is data', () => {
    const sink = new ProblemSink();
    sink.warning(problem('INVALID_DATE', 'b', { file: 'z.csv', line: 1 }));
    sink.warning(problem('INVALID_AMOUNT', 'a', { file: 'a.csv', line: 9 }));
    sink.warning(problem('INVALID_AMOUNT', 'a', { file: 'a.csv', line: 9 }));
    // a memoised problem (the index's, told again with every titre) is the same object each time
    const memoised = problem('INDICE_MOIS_ANCIEN', 'c', { file: 'i.csv', line: 3 });
    for (let i = 0; i < 3; i++) sink.warning(memoised);
    expect(sink.warnings().map((w) => [w.code, w.severity])).toEqual([['INVALID_AMOUNT', 'warning'], ['INDICE_MOIS_ANCIEN', 'warning'], ['INVALID_DATE', 'warning']]);
    const copy = new ProblemSink();
    sink.warning(memoised);
    copy.warning(memoised); // another plan's sink tells it once too
    expect(copy.warnings()).toHaveLength(1);
    expect(sink.warnings()).toHaveLength(3);
    expect(() => sink.throwIfAny()).not.toThrow();
    expect(sink.hasErrors()).toBe(false); // warnings alone never stop a plan
    sink.error('state', problem('TITRE_PRECEDENT_ABSENT', 's'));
    expect(sink.hasErrors()).toBe(true);
    sink.error('state', problem('TITRE_PRECEDENT_ABSENT', 's'));
    const state = thrownError(() => sink.throwIfAny());
    expect(state.kind).toBe('state');
    expect(state.problems.map((p) => p.code)).toEqual(['TITRE_PRECEDENT_ABSENT']);
    sink.error('data', problem('UNKNOWN_SERVICE', 'd', { file: 'a.csv' }));
    sink.error('state', problem('TITRE_PRECEDENT_ABSENT', 's', { line: 2 }));
    const data = thrownError(() => sink.throwIfAny());
    expect(data.kind).toBe('data');
    expect(data.problems.map((p) => p.code)).toEqual(['TITRE_PRECEDENT_ABSENT', 'TITRE_PRECEDENT_ABSENT', 'UNKNOWN_SERVICE']);
    // the same message at another position, or with another code, is another problem
    const other = new ProblemSink();
    other.warning(problem('INVALID_AMOUNT', 'a', { file: 'a.csv', line: 1 }));
    other.warning(problem('INVALID_AMOUNT', 'a', { file: 'a.csv', line: 1, column: 2 }));
    other.warning(problem('INVALID_SIREN', 'a', { file: 'a.csv', line: 1 }));
    other.warning(problem('INVALID_AMOUNT', 'b', { file: 'a.csv', line: 1 }));
    other.warning(problem('INVALID_AMOUNT', 'a', { file: 'a.csv1' })); // not a.csv at line 1
    expect(other.warnings()).toHaveLength(5);
  });
});
