/**
 * The engine's own tests only: what `npm run mutation` (StrykerJS, stryker.config.json) runs against
 * each mutant of src/engine. codes.test.ts is left out: it reads the engine's source as text (problem
 * codes), which Stryker's instrumented copy no longer matches; it pins no behaviour. Test files share
 * their modules (isolate: false): Stryker switches mutants at run time, and importing the engine again
 * for every mutant was most of the run's time.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { include: ['test/engine/**/*.test.ts'], exclude: ['test/engine/codes.test.ts'], isolate: false },
});
