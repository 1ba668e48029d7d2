/** What every step of one plan shares: the inputs, the exercice, the problem sink, memos. */
import type { Dataset } from './dataset.js';
import type { History } from './history.js';
import type { ProblemSink } from './problem-sink.js';
import type { IndexCache } from './tariff-inputs.js';

export interface PlanContext {
  dataset: Dataset;
  history: History;
  exercice: number;
  sink: ProblemSink;
  indexCache: IndexCache;
}
