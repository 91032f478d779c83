import "server-only";
import path from "node:path";
import pg from "pg";
import { applyMigrations } from "./migrate";
import { db, embeddedPglite } from "@/lib/db";
import { seedDemoData } from "@/lib/seed/demo";

const MIGRATIONS_DIR = path.resolve(/*turbopackIgnore: true*/ process.env.RD_MIGRATIONS_DIR ?? "prisma/migrations");

/** Brings the database to the current schema: through PGlite itself when embedded, else one pg connection. */
export async function migrateDatabase(log: (message: string) => void = console.info): Promise<void> {
  const pglite = embeddedPglite();
  if (pglite) {
    await applyMigrations(pglite, MIGRATIONS_DIR, { log });
    return;
  }
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await applyMigrations(client, MIGRATIONS_DIR, { log });
  } finally {
    await client.end();
  }
}

/** Migrates, then seeds the demo workspace when the database holds no workspace at all. */
export async function prepareDatabase(): Promise<void> {
  await migrateDatabase((message) => console.info(`[db] ${message}`));
  if (process.env.RD_SEED === "0") return;
  if ((await db().workspace.count()) === 0) {
    await seedDemoData();
    console.info("[db] demo data seeded (sign in as one of the demo accounts listed on the sign-in page)");
  }
}
