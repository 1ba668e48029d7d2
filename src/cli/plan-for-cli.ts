/**
 * The engine cites dataset-relative files (« populations/2026.csv », as a titre prints them); the
 * CLI reports them as the user typed the dataset folder, so that FILE:LINE opens in an editor.
 */
import path from 'node:path';
import type { Dataset } from '../engine/dataset.js';
import type { History } from '../engine/history.js';
import type { IsoDate } from '../engine/dates.js';
import type { Plan } from '../engine/plan-types.js';
import { planExercice } from '../engine/plan-exercice.js';
import type { Problem } from '../errors/problem.js';
import { TitresError, isTitresError } from '../errors/titres-error.js';

export function anchorProblem(p: Problem, dataDir: string): Problem {
  if (p.file === undefined || path.isAbsolute(p.file) || p.file.startsWith(dataDir)) return p;
  return { ...p, file: path.join(dataDir, p.file) };
}

export function planForCli(
  dataDir: string,
  dataset: Dataset,
  history: History,
  options: { exercice: number; dateEmission: IsoDate },
): Plan {
  try {
    const plan = planExercice(dataset, history, options);
    return { ...plan, avertissements: plan.avertissements.map((p) => anchorProblem(p, dataDir)) };
  } catch (error) {
    if (isTitresError(error)) {
      throw new TitresError(error.kind, error.problems.map((p) => anchorProblem(p, dataDir)));
    }
    throw error;
  }
}
