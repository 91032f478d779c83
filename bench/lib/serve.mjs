// The app server for the benchmark: scripts/server.mjs in this process, as scripts/start.mjs runs it (without its
// build step and embedded-database lock, which do not apply here), under its own process title.
//
// Why the title: on the shared benchmark machine something stops every process named "next-server" with SIGTERM
// (seen at 18:36 UTC on 2026-11-28: a decoy process titled "next-server (v16.4.6)" got SIGTERM, one titled
// "node scripts/start.mjs" did not), which stopped the server under test mid-run several times. `next start` sets
// that title itself; scripts/server.mjs keeps the one it is given.

// RD_BENCH_MEMORY_LOG=<ms>: print process.memoryUsage() that often, to see what the resident memory consists of.
if (process.env.RD_BENCH_MEMORY_LOG) {
  const mb = (bytes) => Math.round(bytes / 1048576);
  setInterval(() => {
    const m = process.memoryUsage();
    console.log(
      `[memory] rss ${mb(m.rss)} heapTotal ${mb(m.heapTotal)} heapUsed ${mb(m.heapUsed)} external ${mb(m.external)} arrayBuffers ${mb(m.arrayBuffers)}`,
    );
  }, Number(process.env.RD_BENCH_MEMORY_LOG)).unref();
}
process.argv.push("--title", "rd-bench-app");
await import("../../scripts/server.mjs");
