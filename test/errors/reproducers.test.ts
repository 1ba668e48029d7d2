/**
 * One reproducer per problem code (issue 15 item 3, hledger's habit): every catalogued code has a
 * minimal input that raises it, reported where it applies (FILE:LINE:COL). The tables are typed by
 * the catalogue's areas (test/errors/reproducers/*.ts), so that a code added to a codes-*.ts file
 * without its reproducer does not compile; this test checks it again at run time, and runs each.
 */
import { describe, expect, it } from 'vitest';
import { PROBLEM_CODES, type ProblemCode } from '../../src/errors/catalog.js';
import { DATA_REPRODUCERS } from './reproducers/data.js';
import { ENGINE_REPRODUCERS } from './reproducers/engine.js';
import type { Reproducer } from './reproducers/harness.js';
import { OUTPUT_REPRODUCERS } from './reproducers/output.js';
import { PES_REPRODUCERS } from './reproducers/pes.js';
import { RENDER_SIMULATE_REPRODUCERS } from './reproducers/render-simulate.js';
import { SYSTEM_REPRODUCERS } from './reproducers/system.js';
import { USAGE_REPRODUCERS } from './reproducers/usage.js';

const REPRODUCERS: Record<ProblemCode, Reproducer> = {
  ...DATA_REPRODUCERS,
  ...ENGINE_REPRODUCERS,
  ...OUTPUT_REPRODUCERS,
  ...PES_REPRODUCERS,
  ...RENDER_SIMULATE_REPRODUCERS,
  ...SYSTEM_REPRODUCERS,
  ...USAGE_REPRODUCERS,
};

describe('one reproducer per problem code', () => {
  it('every catalogued code has one, and every reproducer is of a catalogued code', () => {
    expect(Object.keys(REPRODUCERS).sort()).toEqual([...PROBLEM_CODES]);
  });

  for (const code of PROBLEM_CODES) {
    it(`${code} at « ${REPRODUCERS[code]?.at ?? '?'} »`, async () => {
      const { at, run } = REPRODUCERS[code];
      const reported = await run();
      if (process.env.SHOW_REPRODUCED) console.log(`REPRO ${code} ${JSON.stringify(reported)}`);
      expect(reported.filter((p) => p.code === code).map((p) => p.where), JSON.stringify(reported)).toContain(at);
    });
  }
});
