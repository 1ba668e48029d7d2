// Hook for the journal integrity check (issue 10, hash-chained journal): times the check of an
// output folder's journal, in its own process like every measured step.
//   node bench/integrity-child.mjs --out OUT
// Until that check is on main (dist/apply/check-out.js exporting checkOutFolder), this reports
// { skipped: true } and the bench prints a placeholder instead of a figure.
import { existsSync } from 'node:fs';
import { report } from './measure.mjs';

const args = process.argv.slice(2);
const out = args[args.indexOf('--out') + 1];
const module = new URL('../dist/apply/check-out.js', import.meta.url);
let checker;
if (existsSync(module)) checker = (await import(module.href)).checkOutFolder;
if (typeof checker !== 'function') {
  report({ skipped: true });
} else {
  const started = process.hrtime.bigint();
  await checker(out);
  report({ checkMs: Number(process.hrtime.bigint() - started) / 1e6 });
}
