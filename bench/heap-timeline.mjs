// The main thread's heap and the process's RSS, once a second, printed when the process exits: where
// in a run the memory goes (reading and planning, issuing, the bordereaux at the end). Load it
// before the program, with the options of bin/titres's first line (bench/node-flags.mjs):
//   MALLOC_ARENA_MAX=2 node --max-semi-space-size=4 --import ./bench/heap-timeline.mjs bin/titres issue --data D …
// A synchronous step (reading the CSVs, planning) holds the timer: its peak is seen after it.
import { getHeapStatistics } from 'node:v8';
import { isMainThread } from 'node:worker_threads';

if (isMainThread) {
  const started = Date.now();
  const rows = ['  s  tas utilisé  tas réservé   RSS (Mo)'];
  const mb = (bytes) => (bytes / 1048576).toFixed(1).padStart(11);
  const sample = () => {
    const heap = getHeapStatistics();
    const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(5);
    rows.push(`${seconds} ${mb(heap.used_heap_size)} ${mb(heap.total_heap_size)} ${mb(process.memoryUsage.rss())}`);
  };
  setInterval(sample, 1000).unref();
  process.on('exit', () => {
    sample();
    process.stderr.write(rows.join('\n') + '\n');
  });
}
