// Runs the real CLI (dist/cli/main.js's run) in this process and reports its resource usage.
//   node bench/issue-child.mjs issue --data D --year 2026 --out O --date 2026-06-15 --quiet
// Run without the node options bin/titres gives the CLI (bench/node-flags.mjs), it runs itself
// again with them, so that it measures what a user runs.
import { withTitresNodeFlags } from './node-flags.mjs';

withTitresNodeFlags(import.meta.url);

const { report } = await import('./measure.mjs');
const { run } = await import('../dist/cli/main.js');
const exitCode = await run(process.argv.slice(2));
report({ exitCode });
process.exitCode = exitCode;
