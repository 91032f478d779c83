/**
 * npm run bench:seed -- --cases 100000 [--fresh | --database NAME] [--database-url postgres://…] [--seed 1]
 *
 * Fills a PostgreSQL database with N realistic Renewal Desk cases (bench/lib/model.ts describes the shape).
 * --database-url (or DATABASE_URL, or postgres://postgres@127.0.0.1:5432) names the server, or the database itself
 * when neither --fresh nor --database is given (it must then hold no workspace). --fresh creates (or drops and
 * re-creates) rd_bench_<N> on that server; --database NAME does the same with another name.
 */
import { numberArg, parseArgs } from "./lib/args";
import { DEFAULT_SERVER_URL } from "./lib/database";
import { seedDatabase } from "./lib/seed-database";

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const cases = numberArg(args, "cases", 1000);
  if (!Number.isInteger(cases) || cases < 1) throw new Error("--cases must be a positive integer");
  const url = args.get("database-url") ?? process.env.DATABASE_URL ?? DEFAULT_SERVER_URL;
  const freshDatabase = args.get("database") ?? (args.has("fresh") ? `rd_bench_${cases}` : undefined);
  const result = await seedDatabase({ cases, url, freshDatabase, seed: numberArg(args, "seed", 20_261_128) });
  console.log(
    `seeded ${result.database}: ${cases} cases in ${result.seconds} s, ${(result.sizeBytes / 1024 ** 3).toFixed(2)} GB`,
  );
  for (const [table, count] of Object.entries(result.rows)) console.log(`  ${table.padEnd(18)} ${count}`);
  for (const [name, count] of Object.entries(result.checks)) console.log(`  ${name}: ${count}`);
  console.log(
    JSON.stringify({
      bench: "seed",
      database: result.database,
      cases,
      seconds: result.seconds,
      sizeBytes: result.sizeBytes,
      rows: result.rows,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
