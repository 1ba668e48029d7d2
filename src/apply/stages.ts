/**
 * Named points of a writing command (lock taken, plan numbered, a batch committed, finalizing),
 * where tests pause a run to start a second one at a chosen moment (test/apply/lock-first.test.ts):
 * deterministic barriers instead of sleeps. Without a hook set, `stage` costs one check.
 */
export type Stage = 'locked' | 'numbered' | 'committed' | 'finalizing';

type Hook = (stage: Stage, outDir: string) => Promise<void> | void;

let hook: Hook | undefined;

/** Tests only: called at every stage of every run until reset with undefined. */
export function setStageHook(next: Hook | undefined): void {
  hook = next;
}

export async function stage(name: Stage, outDir: string): Promise<void> {
  if (hook) await hook(name, outDir);
}
