// What the A/B rendering benchmarks (render-ab.mjs, render-ab-threaded.mjs) share: their command
// line, the captured titres' views, and the alternated measure.

/** JOBS_FILE A_ROOT B_ROOT [--rounds N] [--batch N] [--warmup N], with the script's defaults. */
export function abOptions(script, defaults) {
  const args = process.argv.slice(2);
  const opt = (name) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? Number(args.splice(i, 2)[1]) : defaults[name];
  };
  const options = { rounds: opt('rounds'), batch: opt('batch'), warmup: opt('warmup') };
  const [file, aRoot, bRoot] = args;
  if (!file || !aRoot || !bRoot) throw new Error(`usage: node bench/${script} JOBS_FILE A_ROOT B_ROOT [--rounds N] [--batch N] [--warmup N]`);
  return { file, aRoot, bRoot, ...options };
}

/** The titres' views of a capture (bench/render-capture.mjs), each with its configuration, decoded by a build. */
export function capturedViews(jobs, decodeView) {
  let config;
  const views = [];
  for (const job of jobs) {
    if (job.config !== undefined) config = decodeView(job.config);
    if (job.kind === 'titre') views.push({ ...decodeView(job.view), config });
  }
  return views;
}

/**
 * Renders `rounds` batches of `batch` titres (from titre `from` on) by each build, alternated (A,B
 * then B,A, …) so that a shared machine's load weighs on both alike, and prints as JSON, after
 * `extra`, the CPU ms per titre of each (process.cpuUsage: user+sys of every thread) and B/A.
 * `a` and `b` render with renderMany(from, count).
 */
export async function measureAlternated({ rounds, batch, from }, a, b, extra) {
  const cpu = { A: 0, B: 0 };
  let next = from;
  for (let round = 0; round < rounds; round++) {
    for (const [name, build] of round % 2 === 0 ? [['A', a], ['B', b]] : [['B', b], ['A', a]]) {
      const start = process.cpuUsage();
      await build.renderMany(next, batch);
      const used = process.cpuUsage(start);
      cpu[name] += used.user + used.system;
    }
    next += batch;
  }
  const titres = rounds * batch;
  console.log(
    JSON.stringify({
      ...extra,
      renderedEach: titres,
      aCpuMsPerTitre: +(cpu.A / 1000 / titres).toFixed(3),
      bCpuMsPerTitre: +(cpu.B / 1000 / titres).toFixed(3),
      ratio: +(cpu.B / cpu.A).toFixed(3),
    }),
  );
}

/** Titres in flight per thread, as the issue keeps several documents in flight. */
const IN_FLIGHT = 4;

/** renderMany(from, count) for a threaded renderer: `render(index)` for each titre, IN_FLIGHT at a time. */
export function inFlight(render) {
  return async (from, count) => {
    const pending = [];
    for (let i = 0; i < count; i++) {
      pending.push(render(from + i));
      if (pending.length >= IN_FLIGHT) await pending.shift();
    }
    await Promise.all(pending);
  };
}
