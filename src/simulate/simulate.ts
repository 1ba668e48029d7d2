/**
 * `titres simulate`, the pure part: runs the real engine (planExercice) year after year on the
 * dataset completed with projected figures, each year's titres taken as issued for the next one
 * (R5 needs A(N-1)). No file is read or written here.
 */
import { nameOfCommune } from '../engine/commune-table.js';
import type { Dataset, PayingService } from '../engine/dataset.js';
import { type IssuedDocument, issuedDocument } from '../engine/history.js';
import { indexForExercice } from '../engine/index-lookup.js';
import { exerciceWindow } from '../engine/issue-dates.js';
import { planExercice } from '../engine/plan-exercice.js';
import type { Plan } from '../engine/plan-types.js';
import type { Problem } from '../errors/problem.js';
import { projectDataset, type ProjectedDataset } from './projected-dataset.js';
import { checkRange, computedYears } from './range.js';
import type { ProjectedFlags, SimulatedAdhesion, SimulatedService, Simulation, SimulationAssumptions, SimulationRange } from './types.js';
import { planOutcomes, yearRow } from './year-row.js';

const indexMonthKey = (serie: string, mois: string): string => `${serie}\u0000${mois}`;

interface Subscriber {
  codeInsee: string;
  commune: string;
  service: PayingService;
}

export function simulate(dataset: Dataset, assumptions: SimulationAssumptions, range: SimulationRange): Simulation {
  checkRange(range);
  const years = computedYears(range, dataset.config.convention.premierExercice);
  const projection = projectDataset(dataset, assumptions, years);
  const subscribers = payingSubscribers(dataset);
  const results: SimulatedAdhesion[] = subscribers.map((s) => ({
    codeInsee: s.codeInsee,
    commune: s.commune,
    service: s.service.id,
    rows: [],
    anneeConvergence: null,
  }));
  const warnings = new Map<string, Problem>();
  let history: IssuedDocument[] = [];
  const projectedIndexMonths = new Set(projection.indices.map((p) => indexMonthKey(p.serie, p.mois)));

  for (const exercice of years) {
    // The whole exercice as issued by the end of its window (R9): the June batch and every later
    // run of the year, so that an adhesion starting in the autumn is projected, never « a_venir ».
    const dateEmission = exerciceWindow(exercice).last;
    const plan = planExercice(projection.dataset, { documents: history }, { exercice, dateEmission });
    history = [...history, ...issuedFromPlan(plan, dataset.config.numerotation.premierNumero)];
    for (const w of plan.avertissements) warnings.set(`${w.code}|${w.file}|${w.line}|${w.message}`, w);
    const outcomes = planOutcomes(plan);
    const populationProjected = projection.populations.some((p) => p.exercice === exercice);
    const flags = new Map<string, ProjectedFlags>();
    subscribers.forEach((s, i) => {
      let projected = flags.get(s.service.id);
      if (!projected) {
        projected = projectedFlags(projection, projectedIndexMonths, populationProjected, s.service, exercice);
        flags.set(s.service.id, projected);
      }
      const row = yearRow(plan, outcomes, s.codeInsee, s.service.id, projected);
      if (!row) return;
      const result = results[i];
      if (row.kind === 'titre' && row.converge && result.anneeConvergence === null) result.anneeConvergence = exercice;
      if (exercice >= range.from) result.rows.push(row);
    });
  }

  return {
    range: { ...range },
    assumptions,
    services: payingServices(dataset),
    adhesions: results,
    projections: { populations: projection.populations, indices: projection.indices },
    avertissements: [...warnings.values()],
  };
}

function payingServices(dataset: Dataset): SimulatedService[] {
  return [...dataset.config.services.values()]
    .filter((s): s is PayingService => !s.gratuit)
    .map((s) => ({ id: s.id, libelle: s.libelle }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** Adhesions to paying services, sorted by service then code INSEE (like the plan). */
function payingSubscribers(dataset: Dataset): Subscriber[] {
  const subscribers: Subscriber[] = [];
  for (const a of dataset.adhesions) {
    const service = dataset.config.services.get(a.service);
    if (!service || service.gratuit) continue;
    subscribers.push({ codeInsee: a.codeInsee, commune: nameOfCommune(dataset.communes, a.codeInsee), service });
  }
  return subscribers.sort((a, b) => a.service.id.localeCompare(b.service.id) || a.codeInsee.localeCompare(b.codeInsee));
}

/** Which of the year's figures a service's titres use were projected (the same for all its adhesions). */
function projectedFlags(
  projection: ProjectedDataset,
  projectedIndexMonths: ReadonlySet<string>,
  populationProjected: boolean,
  service: PayingService,
  exercice: number,
): ProjectedFlags {
  const series = projection.dataset.indices.get(service.indice.serie);
  const point = series ? indexForExercice(series, exercice) : undefined;
  return {
    population: populationProjected,
    index: point !== undefined && projectedIndexMonths.has(indexMonthKey(series!.serie, point.mois)),
  };
}

/**
 * The journal a simulated exercice leaves behind: every planned document taken as issued on
 * 15 June, numbered from the configured first number (R9), so that the next exercice finds
 * A(N-1) (R5) and convergence exactly as after a real run.
 */

export function issuedFromPlan(plan: Plan, firstNumber: number): IssuedDocument[] {
  return plan.documents.map((d, i) =>
    issuedDocument(d, { numero: firstNumber + i, bordereau: 1, dateEmission: plan.dateEmission, fichier: '', sha256: '' }),
  );
}
