// The CPU of each thread of a Node process, printed when it exits (Linux: /proc/self/task). Load it
// before the program:
//   node --max-semi-space-size=4 --import ./bench/thread-cpu.mjs bin/titres issue --data D …
// with the options of bin/titres's first line (bench/node-flags.mjs), since `node FILE` ignores them.
// The main thread reads every thread's counters every 200 ms and once more at exit, so that the
// threads that ended before it (rendering threads, stopped once their documents are done) keep
// their last reading. Each worker thread tells its own id at start (this module is loaded in it
// too); the others are V8's (garbage collection, compilation: mostly user time) and libuv's pool
// (fsync and the other file calls: mostly system time), which /proc does not tell apart by name.
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { BroadcastChannel, isMainThread } from 'node:worker_threads';

const CHANNEL = 'titres:thread-cpu';
const TICKS_PER_SECOND = 100; // USER_HZ, 100 on Linux

/** The thread's id as /proc names it: /proc/thread-self links to PID/task/TID. */
function ownTid() {
  return readlinkSync('/proc/thread-self').split('/').pop();
}

/** user and system seconds of thread `tid`, or undefined once it is gone. */
function readThread(tid) {
  try {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { user: Number(fields[11]) / TICKS_PER_SECOND, system: Number(fields[12]) / TICKS_PER_SECOND };
  } catch {
    return undefined;
  }
}

function available() {
  try {
    readdirSync('/proc/self/task');
    ownTid();
    return true;
  } catch {
    return false;
  }
}

if (!available()) {
  if (isMainThread) process.stderr.write('thread-cpu : /proc/self/task illisible (Linux seulement), rien ne sera mesuré\n');
} else if (!isMainThread) {
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage(ownTid());
  channel.close();
} else {
  const mainTid = ownTid();
  const workers = new Set();
  const last = new Map();
  const sample = () => {
    for (const tid of readdirSync('/proc/self/task')) {
      const reading = readThread(tid);
      if (reading) last.set(tid, reading);
    }
  };
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = ({ data }) => workers.add(String(data));
  channel.unref();
  setInterval(sample, 200).unref();

  process.on('exit', () => {
    sample();
    const role = (tid) => (tid === mainTid ? 'principal' : workers.has(tid) ? 'fil de travail' : 'V8 ou libuv');
    const rows = [...last].filter(([, r]) => r.user + r.system > 0).map(([tid, r]) => ({ tid, role: role(tid), ...r }));
    rows.sort((a, b) => a.role.localeCompare(b.role) || b.user + b.system - (a.user + a.system));
    const byRole = new Map();
    for (const row of rows) {
      const total = byRole.get(row.role) ?? { user: 0, system: 0, threads: 0 };
      byRole.set(row.role, { user: total.user + row.user, system: total.system + row.system, threads: total.threads + 1 });
    }
    const s = (x) => x.toFixed(2).padStart(7);
    const lines = ['CPU par fil (s)        user     sys', ...rows.map((r) => `${r.role.padEnd(15)} ${r.tid.padStart(6)} ${s(r.user)} ${s(r.system)}`)];
    for (const [name, t] of byRole) lines.push(`total ${name} (${t.threads})`.padEnd(22) + ` ${s(t.user)} ${s(t.system)}`);
    process.stderr.write(lines.join('\n') + '\n');
  });
}
