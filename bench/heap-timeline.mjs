// The heaps and the process's RSS, once a second, printed when the process exits: where in a run
// the memory goes (reading and planning, issuing, the bordereaux at the end). Load it before the
// program, with the options of bin/titres's first line (bench/node-flags.mjs):
//   MALLOC_ARENA_MAX=2 node --max-semi-space-size=4 --import ./bench/heap-timeline.mjs bin/titres issue --data D …
// Columns: the main thread's V8 heap (used, reserved); the worker threads' heaps (used, reserved,
// summed over the threads alive, each as it last told: this module is loaded in them too and
// tells its heap every second; a terminated thread says nothing, so on Linux a thread whose
// /proc/self/task entry is gone is left out); RSS; and RSS less every V8 heap reserved (malloc,
// buffers, code, the node binary). A synchronous step (reading the CSVs, planning) holds the timer: its peak is
// seen after it.
import { existsSync, readlinkSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { BroadcastChannel, isMainThread, threadId } from 'node:worker_threads';

const CHANNEL = 'titres:heap-timeline';

/** The OS thread's id (/proc/thread-self links to PID/task/TID), or undefined off Linux. */
function ownTid() {
  try {
    return readlinkSync('/proc/thread-self').split('/').pop();
  } catch {
    return undefined;
  }
}

if (!isMainThread) {
  const channel = new BroadcastChannel(CHANNEL);
  const tid = ownTid();
  const tell = (ended = false) => {
    const heap = getHeapStatistics();
    channel.postMessage({ threadId, tid, used: heap.used_heap_size, reserved: heap.total_heap_size, ended });
  };
  setInterval(tell, 1000).unref();
  process.on('exit', () => {
    tell(true);
    channel.close();
  });
  tell();
} else {
  const started = Date.now();
  const workers = new Map();
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = ({ data }) => {
    if (data.ended) workers.delete(data.threadId);
    else workers.set(data.threadId, data);
  };
  channel.unref();
  const rows = ['  s   principal : utilisé  réservé   fils : utilisé  réservé      RSS  RSS hors tas (Mo)'];
  const mb = (bytes) => (bytes / 1048576).toFixed(1).padStart(9);
  const sample = () => {
    const heap = getHeapStatistics();
    let used = 0;
    let reserved = 0;
    for (const [id, w] of workers) {
      if (w.tid !== undefined && !existsSync(`/proc/self/task/${w.tid}`)) {
        workers.delete(id);
        continue;
      }
      used += w.used;
      reserved += w.reserved;
    }
    const rss = process.memoryUsage.rss();
    const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(5);
    rows.push(`${seconds}      ${mb(heap.used_heap_size)}${mb(heap.total_heap_size)}        ${mb(used)}${mb(reserved)}${mb(rss)}${mb(rss - heap.total_heap_size - reserved)}`);
  };
  setInterval(sample, 1000).unref();
  process.on('exit', () => {
    sample();
    process.stderr.write(rows.join('\n') + '\n');
  });
}
