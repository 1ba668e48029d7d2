/** What every step of one plan shares: the inputs, the exercice, the problem sink, memos. */
import type { Dataset } from './dataset.js';
import type { IsoDate } from './dates.js';
import type { HistoryIndex } from './history-lookup.js';
import type { ProblemSink } from './problem-sink.js';
import type { IndexCache } from './tariff-inputs.js';

export interface PlanContext {
  dataset: Dataset;
  /** The journal, indexed once per plan (history-lookup.ts). */
  history: HistoryIndex;
  exercice: number;
  /** The run's issue date (R9: an adhesion whose perception starts later is « a_venir »). */
  dateEmission: IsoDate;
  sink: ProblemSink;
  indexCache: IndexCache;
}
