/**
 * The verdict over several benchmark runs: each target judged on the median of the runs (run-to-run variance on
 * these machines is up to ±30 %), memory on every run.
 *
 *   npm run bench:summary                         # the three newest files in bench/results/
 *   npm run bench:summary -- FILE FILE FILE       # these runs
 */
import fs from "node:fs";
import path from "node:path";

interface Load {
  p95: number;
  censored?: boolean;
}
interface Route {
  label: string;
  load?: Load;
  p95RatioToFloor?: number;
  serial?: { queries: { max: number; median: number } };
}
interface Size {
  cases: number;
  routes: Record<string, Route>;
  peakRssMb: number;
}
interface Run {
  date: string;
  build: { commit: string; dirty: boolean };
  firstLoadJs: { routes: { route: string; gzipBytes: number }[] };
  sizes: Size[];
}

/** Target ratio of p95 to the floor's p95 at the largest size (issue 13). */
const RATIO_LIMIT: Record<string, number> = {
  inbox: 1.5,
  case: 2,
  "case-certificates": 2,
  "case-mail": 2,
  "case-audit": 2,
  cases: 2,
  "cases-deep": 2,
  overview: 2,
};
const GROWTH_LIMIT = 1.2;
const RSS_LIMIT_MB = 400;
const JS_LIMIT_KB = 150;

const resultsDir = path.join(import.meta.dirname, "results");
const files =
  process.argv.slice(2).length > 0
    ? process.argv.slice(2)
    : fs
        .readdirSync(resultsDir)
        .filter((name) => name.endsWith(".json"))
        .sort()
        .slice(-3)
        .map((name) => path.join(resultsDir, name));
const runs = files.map((file) => JSON.parse(fs.readFileSync(file, "utf8")) as Run);
if (runs.length === 0) throw new Error("no benchmark results to summarize");

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
const round = (value: number) => Math.round(value * 100) / 100;

const largest = (run: Run) => run.sizes.reduce((a, b) => (b.cases > a.cases ? b : a));
const smallest = (run: Run) => run.sizes.reduce((a, b) => (b.cases < a.cases ? b : a));
const routes = [...new Set(runs.flatMap((run) => Object.keys(largest(run).routes)))];

const rows: string[][] = [];
let failures = 0;
const verdict = (pass: boolean) => {
  if (!pass) failures += 1;
  return pass ? "PASS" : "FAIL";
};

for (const route of routes) {
  const ratios = runs
    .map((run) => largest(run).routes[route]?.p95RatioToFloor)
    .filter((value): value is number => typeof value === "number");
  const growth = runs
    .map((run) => {
      const a = smallest(run).routes[route]?.load?.p95;
      const b = largest(run).routes[route]?.load?.p95;
      return a && b ? b / a : undefined;
    })
    .filter((value): value is number => typeof value === "number");
  const queries = runs.map(
    (run) =>
      [smallest(run).routes[route]?.serial?.queries.max, largest(run).routes[route]?.serial?.queries.max] as const,
  );
  const limit = RATIO_LIMIT[route];
  if (limit !== undefined && ratios.length > 0) {
    rows.push([
      `${route}: p95 / floor p95 at ${largest(runs[0]!).cases} cases`,
      `${round(median(ratios))} (${ratios.map(round).join(", ")})`,
      `≤ ${limit}`,
      verdict(median(ratios) <= limit),
    ]);
  }
  if (growth.length > 0)
    rows.push([
      `${route}: growth ${smallest(runs[0]!).cases} → ${largest(runs[0]!).cases}`,
      `${round(median(growth))} (${growth.map(round).join(", ")})`,
      `≤ ${GROWTH_LIMIT}`,
      verdict(median(growth) <= GROWTH_LIMIT),
    ]);
  const grew = queries.some(([a, b]) => a !== undefined && b !== undefined && b > a);
  if (queries.some(([a, b]) => a !== undefined && b !== undefined))
    rows.push([
      `${route}: queries per request`,
      queries.map(([a, b]) => `${a} → ${b}`).join(", "),
      "constant",
      verdict(!grew),
    ]);
}
for (const run of runs)
  for (const size of run.sizes)
    rows.push([
      `server peak RSS, ${size.cases} cases, run ${run.date}`,
      `${size.peakRssMb} MB`,
      `≤ ${RSS_LIMIT_MB} MB`,
      verdict(size.peakRssMb <= RSS_LIMIT_MB),
    ]);
for (const entry of runs[0]!.firstLoadJs.routes) {
  if (entry.route.startsWith("/bench")) continue;
  rows.push([
    `first-load JS ${entry.route}`,
    `${(entry.gzipBytes / 1024).toFixed(1)} kB`,
    `≤ ${JS_LIMIT_KB} kB gzip`,
    verdict(entry.gzipBytes <= JS_LIMIT_KB * 1024),
  ]);
}

const widths = [0, 1, 2, 3].map((column) =>
  Math.max(...[["target", "median (runs)", "limit", "result"], ...rows].map((row) => row[column]!.length)),
);
const line = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column]!)).join("  ");
console.log(
  `${runs.length} runs: ${runs.map((run) => `${run.date} on ${run.build.commit.slice(0, 7)}${run.build.dirty ? "+" : ""}`).join("; ")}`,
);
console.log(line(["target", "median (runs)", "limit", "result"]));
for (const row of rows) console.log(line(row));
console.log(`${failures === 0 ? "all targets met" : `${failures} target(s) missed`}`);
