// Records the rendering jobs of a real `titres issue` (what the main thread sends to a rendering
// thread: each view, encoded, and the configuration once), for bench/render-ab.mjs to render again
// without the writes, the journal and the other thread.
//   node bench/render-capture.mjs JOBS_FILE issue --data D --year 2026 --out O --date 2026-06-15 --quiet
// Runs the CLI of this checkout (dist/) in this process, on one rendering thread.
import { writeFileSync } from 'node:fs';
import { serialize } from 'node:v8';
import { Worker } from 'node:worker_threads';

const [file, ...args] = process.argv.slice(2);
if (!file || args.length === 0) throw new Error('usage: node bench/render-capture.mjs JOBS_FILE issue …');
const jobs = [];
const post = Worker.prototype.postMessage;
Worker.prototype.postMessage = function (message, transfer) {
  jobs.push(message);
  return post.call(this, message, transfer);
};
process.env.TITRES_RENDER_THREADS = '1';
const { run } = await import('../dist/cli/main.js');
const exitCode = await run(args);
writeFileSync(file, serialize(jobs));
process.stderr.write(`${jobs.length} rendering jobs written to ${file} (exit ${exitCode})\n`);
process.exitCode = exitCode;
