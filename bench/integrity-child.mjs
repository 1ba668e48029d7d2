// Hook for the journal integrity check (issue 10, hash-chained journal): times the check of an
// output folder's journal, in its own process like every measured step.
//   node bench/integrity-child.mjs --out OUT
// Until that check is on main (dist/apply/check-out.js exporting checkOutFolder), this reports
// { skipped: true } and the bench prints a placeholder instead of a figure.
// It runs with bin/titres's node options (bench/node-flags.mjs), as the check runs in the tool.
import { existsSync } from 'node:fs';
import { report } from './measure.mjs';
import { withTitresNodeFlags } from './node-flags.mjs';

withTitresNodeFlags(import.meta.url);

const args = process.argv.slice(2);
const out = args[args.indexOf('--out') + 1];
const module = new URL('../dist/apply/check-out.js', import.meta.url);
let checker;
if (existsSync(module)) checker = (await import(module.href)).checkOutFolder;
if (typeof checker !== 'function') {
  report({ skipped: true });
} else {
  const started = process.hrtime.bigint();
  const state = await checker(out);
  const checked = process.hrtime.bigint();
  // the journal's documents, which the check no longer makes: made when the plan first asks (src/io/journal-lines.ts)
  const documents = state.history.documents.length;
  report({ checkMs: Number(checked - started) / 1e6, documentsMs: Number(process.hrtime.bigint() - checked) / 1e6, documents });
}
