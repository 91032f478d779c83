import "server-only";
import path from "node:path";
import pg from "pg";
import { applyMigrations } from "./migrate";
import { prepareRuntimeRole, runtimeRoleFor } from "./app-role";
import { db, embeddedPglite } from "@/lib/db";
import { usesEmbeddedDatabase } from "./config";
import { authSecret } from "@/lib/auth/secret";
import { seedDemoData } from "@/lib/seed/store/demo";

const MIGRATIONS_DIR = path.resolve(/*turbopackIgnore: true*/ process.env.RD_MIGRATIONS_DIR ?? "prisma/migrations");

async function withOwnerConnection<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Brings the database to the current schema: through PGlite itself when embedded, else one owner connection. */
export async function migrateDatabase(log: (message: string) => void = console.info): Promise<void> {
  if (usesEmbeddedDatabase()) {
    await applyMigrations(embeddedPglite()!, MIGRATIONS_DIR, { log });
    return;
  }
  await withOwnerConnection((client) => applyMigrations(client, MIGRATIONS_DIR, { log }));
}

/** The database cannot be made ready as configured; the message says what the operator can do. */
export class DatabaseSetupError extends Error {}

/**
 * From here on this process connects as the app's own database role (lib/db/app-role.ts): the role is created or
 * updated and granted its rights by the owner, then DATABASE_URL is replaced by the role's connection, so the
 * owner's credentials are not used again. Must run before the first db().
 */
export async function switchToRuntimeRole(log: (message: string) => void = console.info): Promise<void> {
  if (!process.env.DATABASE_URL || process.env.RD_RUNTIME_ROLE) return;
  const runtime = runtimeRoleFor(process.env, authSecret());
  if (runtime.kind === "owner") {
    log("DATABASE_APP_ROLE=none: the app runs as the database owner; the audit trail is protected by its trigger only");
    return;
  }
  try {
    await withOwnerConnection((client) => prepareRuntimeRole(client, runtime));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseSetupError(
      `Could not prepare the app's database role ${runtime.role}: ${reason}. Give the DATABASE_URL user the CREATEROLE right, ` +
        "or create a role yourself and set DATABASE_APP_URL, or set DATABASE_APP_ROLE=none to run as the owner (see SECURITY.md).",
    );
  }
  process.env.DATABASE_URL = runtime.url;
  process.env.RD_RUNTIME_ROLE = runtime.role;
  delete process.env.DATABASE_APP_URL;
  log(`the app connects as the database role ${runtime.role}, which owns nothing and cannot change the audit trail`);
}

/** Migrates, switches to the app's role, then seeds the demo workspace when the database holds no workspace at all. */
export async function prepareDatabase(): Promise<void> {
  const log = (message: string) => console.info(`[db] ${message}`);
  // Done once per process: afterwards DATABASE_URL is the app's role, which may not migrate.
  if (process.env.RD_RUNTIME_ROLE) return;
  await migrateDatabase(log);
  await switchToRuntimeRole(log);
  if (process.env.RD_SEED === "0") return;
  if ((await db().workspace.count()) === 0) {
    await seedDemoData();
    log("demo data seeded (sign in as one of the demo accounts listed on the sign-in page)");
  }
}
