// Applies pending prisma/migrations to the database:
//
//   npm run db:migrate                      # DATABASE_URL, or the embedded PGlite database when it is unset
//   npm run db:migrate -- --migrations DIR  # another migrations directory
//
// With DATABASE_URL it is what `prisma migrate deploy` would do (which cannot run here: no native schema engine).
// Without it, it migrates the embedded PGlite data directory (PGLITE_DATA_DIR, default .data/pglite), after taking
// the same lock file as `npm start` — it refuses while the app is running on that directory (the app migrates it
// itself when it starts).
import "dotenv/config";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { embeddedDataDir } from "../lib/db/config";
import { acquireEmbeddedLock } from "../lib/db/embedded-lock";
import { applyMigrations, MigrationError, type AppliedMigration } from "../lib/db/migrate";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(DATABASE_URL)";
  }
}

async function main(argv: string[]): Promise<number> {
  let migrationsDir = path.join(root, "prisma", "migrations");
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--migrations" && argv[i + 1]) migrationsDir = path.resolve(argv[++i]!);
    else {
      console.error("Usage: npm run db:migrate [-- --migrations DIR]");
      return 2;
    }
  }
  const log = (message: string) => console.log(message);
  let applied: AppliedMigration[];
  const url = process.env.DATABASE_URL;
  if (url) {
    console.log(`Migrating ${redact(url)}`);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      applied = await applyMigrations(client, migrationsDir, { log });
    } finally {
      await client.end();
    }
  } else {
    const dataDir = embeddedDataDir();
    console.log(`DATABASE_URL is not set: migrating the embedded database in ${dataDir}`);
    acquireEmbeddedLock(dataDir); // throws if `npm start` (or another process) has it open; released on exit
    const db = new PGlite(dataDir);
    try {
      applied = await applyMigrations(db, migrationsDir, { log });
    } finally {
      await db.close();
    }
  }
  console.log(applied.length === 0 ? "Database is up to date." : `Applied ${applied.length} migration(s).`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof MigrationError) console.error(`Migration refused/failed [${error.code}]: ${error.message}`);
    else console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
