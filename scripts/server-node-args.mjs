// Node flags for the app server, shared by `npm start` (scripts/start.mjs) and the benchmark's launcher.
//
// Why a heap limit: under load V8 lets the heap grow to several hundred MB of garbage before collecting it
// (the benchmark saw 450 MB resident for the trivial floor page alone, 900+ MB across all pages). With the old
// generation capped, resident memory stays near 250–300 MB for about 10 % more CPU per request.
// RD_SERVER_HEAP_MB changes the cap; 0 leaves V8's default.
export function serverNodeArgs(env = process.env) {
  const megabytes = Number(env.RD_SERVER_HEAP_MB ?? 192);
  if (!Number.isInteger(megabytes) || megabytes < 0)
    throw new Error(`RD_SERVER_HEAP_MB must be a whole number of megabytes, got "${env.RD_SERVER_HEAP_MB}"`);
  return megabytes === 0 ? [] : [`--max-old-space-size=${megabytes}`];
}
