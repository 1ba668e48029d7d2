/**
 * Collects the problems of one plan so that all of them are reported at once: errors by kind
 * ('data' or 'state', R5's missing N-1 titre) and warnings. A problem reported twice (the same
 * missing file for several adhesions) is kept once.
 */
import type { Problem } from '../errors/problem.js';
import { sortProblems } from '../errors/problem.js';
import { TitresError } from '../errors/titres-error.js';

export type EngineErrorKind = 'data' | 'state';

export class ProblemSink {
  private readonly seen = new Set<string>();
  /** Problems already told, as objects: a memoised one (tariff-inputs.ts's index) comes back with every titre. */
  private readonly told = new WeakSet<Problem>();
  private readonly errors: { kind: EngineErrorKind; problem: Problem }[] = [];
  private readonly warns: Problem[] = [];

  private fresh(p: Problem): boolean {
    if (this.told.has(p)) return false;
    this.told.add(p);
    const key = [p.code, p.severity, p.file, p.line, p.column, p.message].join('\u0000');
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }

  error(kind: EngineErrorKind, p: Problem): void {
    if (this.fresh(p)) this.errors.push({ kind, problem: p });
  }

  warning(p: Problem): void {
    if (this.fresh(p)) this.warns.push({ ...p, severity: 'warning' });
  }

  hasErrors(): boolean {
    return this.errors.length > 0;
  }

  warnings(): Problem[] {
    return sortProblems(this.warns);
  }

  /** Throws every error at once: kind 'data' when any data problem occurred, else 'state'. */
  throwIfAny(): void {
    if (this.errors.length === 0) return;
    const kind: EngineErrorKind = this.errors.some((e) => e.kind === 'data') ? 'data' : 'state';
    throw new TitresError(kind, sortProblems(this.errors.map((e) => e.problem)));
  }
}

/**
 * The sink of a titre planned again (plan-titre.ts's getters): its problems were reported when it
 * was first planned, and the plan it is part of had none but warnings, so nothing is kept and
 * none is told (issue 12: a fresh sink a liquidation, and the key of the index's warning joined
 * each time, ~1 KB of the main thread's allocation a titre).
 */
class DiscardedProblems extends ProblemSink {
  override error(): void {}
  override warning(): void {}
}

export const DISCARDED_PROBLEMS: ProblemSink = new DiscardedProblems();
