// Shared by the benchmark's child processes: samples RSS and heap while the child works, and on
// exit prints one JSON line on stderr, prefixed by BENCH_RESULT, with the process's own resource
// usage (CPU user/system µs, max RSS kB from getrusage) and the sampled peaks.
const started = process.hrtime.bigint();
let peakRss = 0;
let peakHeap = 0;
function sample() {
  const m = process.memoryUsage();
  if (m.rss > peakRss) peakRss = m.rss;
  if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
}
const timer = setInterval(sample, 100);
timer.unref();

export const RESULT_PREFIX = 'BENCH_RESULT ';

export function report(extra = {}) {
  sample();
  clearInterval(timer);
  const u = process.resourceUsage();
  const result = {
    wallMs: Number(process.hrtime.bigint() - started) / 1e6,
    userMs: u.userCPUTime / 1000,
    systemMs: u.systemCPUTime / 1000,
    maxRssKb: u.maxRSS,
    sampledPeakRssMb: peakRss / 2 ** 20,
    sampledPeakHeapMb: peakHeap / 2 ** 20,
    ...extra,
  };
  process.stderr.write(RESULT_PREFIX + JSON.stringify(result) + '\n');
}
