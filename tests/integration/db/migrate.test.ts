// The migration runner against an in-memory PGlite (always) and a scratch database on the PostgreSQL server named by
// DATABASE_URL (created and dropped here; skipped with a message when DATABASE_URL is unset).
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  applyMigrations,
  MigrationChecksumMismatchError,
  MigrationFailedError,
  MigrationLockTimeoutError,
  PreviousMigrationFailedError,
  PRISMA_MIGRATION_LOCK_ID,
  type MigrationDatabase,
} from "@/lib/db/migrate";
import { migrationChecksum } from "@/lib/db/migration-files";

type Row = Record<string, unknown>;

interface Handle {
  /** What applyMigrations is given. */
  db: MigrationDatabase;
  query(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Another, independent runner on the same database (null when the backend has one session only). */
  second(): Promise<{
    db: MigrationDatabase;
    query(sql: string, params?: unknown[]): Promise<Row[]>;
    close(): Promise<void>;
  } | null>;
  close(): Promise<void>;
}

interface Backend {
  name: string;
  available: boolean;
  open(): Promise<Handle>;
}

// One in-memory PGlite for all tests (starting one costs ~2 s); each test starts from an empty public schema.
let sharedPGlite: PGlite | undefined;
const pgliteBackend: Backend = {
  name: "PGlite (in-memory)",
  available: true,
  async open() {
    const db = (sharedPGlite ??= new PGlite());
    await db.exec(`DROP SCHEMA public CASCADE; CREATE SCHEMA public;`);
    return {
      db,
      query: async (sql, params) => (await db.query<Row>(sql, params)).rows,
      second: async () => null,
      close: async () => undefined,
    };
  },
};

const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) {
  console.warn(
    "[db/migrate.test] DATABASE_URL is not set: skipping the PostgreSQL server variant (PGlite still runs).",
  );
}
const scratchDatabases: string[] = [];

function databaseUrl(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const postgresBackend: Backend = {
  name: "PostgreSQL (DATABASE_URL, scratch database)",
  available: Boolean(adminUrl),
  async open() {
    const name = `rd_migrate_test_${randomBytes(6).toString("hex")}`;
    await admin((c) => c.query(`CREATE DATABASE ${name}`));
    scratchDatabases.push(name);
    const url = databaseUrl(adminUrl!, name);
    const pools: pg.Pool[] = [];
    const pool = () => {
      const p = new pg.Pool({ connectionString: url, max: 3 });
      pools.push(p);
      return p;
    };
    const main = pool();
    return {
      db: main,
      query: async (sql, params) => (await main.query<Row>(sql, params)).rows,
      async second() {
        const other = pool();
        return {
          db: other,
          query: async (sql, params) => (await other.query<Row>(sql, params)).rows,
          close: () => other.end(),
        };
      },
      async close() {
        await Promise.all(pools.map((p) => p.end().catch(() => undefined)));
      },
    };
  },
};

afterAll(async () => {
  await sharedPGlite?.close();
  if (!adminUrl) return;
  for (const name of scratchDatabases) {
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
});

describe.each([pgliteBackend, postgresBackend])("applyMigrations on $name", (backend) => {
  let dir: string;
  let handle: Handle;

  beforeEach(async (context) => {
    if (!backend.available) {
      context.skip();
      return;
    }
    dir = await mkdtemp(path.join(os.tmpdir(), "rd-migrate-"));
    handle = await backend.open();
  });
  afterEach(async () => {
    if (!backend.available) return;
    await handle.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function write(name: string, sql: string) {
    await mkdir(path.join(dir, name), { recursive: true });
    await writeFile(path.join(dir, name, "migration.sql"), sql);
  }
  const tableExists = async (table: string) =>
    (await handle.query(`SELECT to_regclass($1)::text AS t`, [table]))[0]?.t !== null;

  it("applies migrations in lexical order, one row each, recorded as Prisma does", async () => {
    await write("20240101000001_second", `ALTER TABLE "Note" ADD COLUMN "body" TEXT;`);
    await write("20240101000000_first", `CREATE TABLE "Note" ("id" TEXT NOT NULL PRIMARY KEY);`);
    const applied = await applyMigrations(handle.db, dir);
    expect(applied.map((m) => m.name)).toEqual(["20240101000000_first", "20240101000001_second"]);

    const rows = await handle.query(
      `SELECT id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count
       FROM _prisma_migrations ORDER BY started_at, migration_name`,
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      migration_name: "20240101000000_first",
      checksum: migrationChecksum(`CREATE TABLE "Note" ("id" TEXT NOT NULL PRIMARY KEY);`),
      logs: null,
      rolled_back_at: null,
      applied_steps_count: 1,
    });
    for (const row of rows) {
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect((row.finished_at as Date).getTime()).toBeGreaterThanOrEqual((row.started_at as Date).getTime());
    }
    expect(await tableExists('"Note"')).toBe(true);
  });

  it("creates _prisma_migrations with Prisma's exact columns", async () => {
    await applyMigrations(handle.db, dir); // no migrations at all: still creates the table
    const columns = await handle.query(
      `SELECT column_name, data_type, character_maximum_length, is_nullable, column_default
       FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    // As created by prisma's schema engine (7.10.0), read back from a database it migrated.
    expect(columns).toEqual([
      {
        column_name: "id",
        data_type: "character varying",
        character_maximum_length: 36,
        is_nullable: "NO",
        column_default: null,
      },
      {
        column_name: "checksum",
        data_type: "character varying",
        character_maximum_length: 64,
        is_nullable: "NO",
        column_default: null,
      },
      {
        column_name: "finished_at",
        data_type: "timestamp with time zone",
        character_maximum_length: null,
        is_nullable: "YES",
        column_default: null,
      },
      {
        column_name: "migration_name",
        data_type: "character varying",
        character_maximum_length: 255,
        is_nullable: "NO",
        column_default: null,
      },
      {
        column_name: "logs",
        data_type: "text",
        character_maximum_length: null,
        is_nullable: "YES",
        column_default: null,
      },
      {
        column_name: "rolled_back_at",
        data_type: "timestamp with time zone",
        character_maximum_length: null,
        is_nullable: "YES",
        column_default: null,
      },
      {
        column_name: "started_at",
        data_type: "timestamp with time zone",
        character_maximum_length: null,
        is_nullable: "NO",
        column_default: "now()",
      },
      {
        column_name: "applied_steps_count",
        data_type: "integer",
        character_maximum_length: null,
        is_nullable: "NO",
        column_default: "0",
      },
    ]);
  });

  it("skips applied migrations and applies only new ones", async () => {
    await write("20240101000000_first", `CREATE TABLE a (id int);`);
    expect(await applyMigrations(handle.db, dir)).toHaveLength(1);
    expect(await applyMigrations(handle.db, dir)).toEqual([]);
    await write("20240102000000_next", `CREATE TABLE b (id int);`);
    expect((await applyMigrations(handle.db, dir)).map((m) => m.name)).toEqual(["20240102000000_next"]);
    expect(await handle.query(`SELECT count(*)::int AS n FROM _prisma_migrations`)).toEqual([{ n: 2 }]);
  });

  it("refuses when an applied migration's file changed, and applies nothing", async () => {
    await write("20240101000000_first", `CREATE TABLE a (id int);`);
    await applyMigrations(handle.db, dir);
    await write("20240101000000_first", `CREATE TABLE a (id bigint);`);
    await write("20240102000000_next", `CREATE TABLE b (id int);`);
    const error = await applyMigrations(handle.db, dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationChecksumMismatchError);
    expect(error).toMatchObject({ code: "CHECKSUM_MISMATCH", migrationName: "20240101000000_first" });
    expect(await tableExists("b")).toBe(false);
  });

  it("accepts an applied migration whose line endings changed (CRLF checkout)", async () => {
    await write("20240101000000_first", `CREATE TABLE a (id int);\nCREATE TABLE c (id int);\n`);
    await applyMigrations(handle.db, dir);
    await write("20240101000000_first", `CREATE TABLE a (id int);\r\nCREATE TABLE c (id int);\r\n`);
    expect(await applyMigrations(handle.db, dir)).toEqual([]);
  });

  it("rolls a failing migration back, records the attempt as rolled back, and retries it next time", async () => {
    await write("20240101000000_ok", `CREATE TABLE a (id int);`);
    await write("20240102000000_bad", `CREATE TABLE b (id int);\nSELECT * FROM missing_table;`);
    await write("20240103000000_later", `CREATE TABLE c (id int);`);
    const error = await applyMigrations(handle.db, dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationFailedError);
    expect(error).toMatchObject({ code: "MIGRATION_FAILED", migrationName: "20240102000000_bad", rolledBack: true });
    expect(await tableExists("a")).toBe(true);
    expect(await tableExists("b")).toBe(false); // rolled back with its transaction
    expect(await tableExists("c")).toBe(false); // not attempted
    const [attempt] = await handle.query(
      `SELECT finished_at, rolled_back_at, logs FROM _prisma_migrations WHERE migration_name = '20240102000000_bad'`,
    );
    expect(attempt?.finished_at).toBeNull();
    expect(attempt?.rolled_back_at).toBeInstanceOf(Date);
    expect(String(attempt?.logs)).toMatch(/missing_table/);

    await write("20240102000000_bad", `CREATE TABLE b (id int);`);
    expect((await applyMigrations(handle.db, dir)).map((m) => m.name)).toEqual([
      "20240102000000_bad",
      "20240103000000_later",
    ]);
  });

  it("refuses to go on after a failed migration that is not rolled back (Prisma's P3009)", async () => {
    await write("20240101000000_first", `CREATE TABLE a (id int);`);
    await applyMigrations(handle.db, dir);
    await handle.query(
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, logs) VALUES ($1, $2, $3, 'boom')`,
      ["00000000-0000-4000-8000-000000000000", "0".repeat(64), "20240102000000_broken"],
    );
    await write("20240103000000_next", `CREATE TABLE c (id int);`);
    const error = await applyMigrations(handle.db, dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PreviousMigrationFailedError);
    expect(error).toMatchObject({
      code: "PREVIOUS_MIGRATION_FAILED",
      migrationName: "20240102000000_broken",
      logs: "boom",
    });
    expect(await tableExists("c")).toBe(false);

    await handle.query(
      `UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = '20240102000000_broken'`,
    );
    expect((await applyMigrations(handle.db, dir)).map((m) => m.name)).toEqual(["20240103000000_next"]);
  });

  it("runs a script with its own BEGIN/COMMIT without wrapping it", async () => {
    await write("20240101000000_enum", `CREATE TYPE "S" AS ENUM ('A');\n`);
    await write(
      "20240102000000_enum_change",
      `-- AlterEnum\nBEGIN;\nCREATE TYPE "S_new" AS ENUM ('A', 'B');\nDROP TYPE "S";\nALTER TYPE "S_new" RENAME TO "S";\nCOMMIT;\n`,
    );
    await write(
      "20240103000000_function",
      `CREATE FUNCTION refuse() RETURNS trigger AS $$\nBEGIN\n  RAISE EXCEPTION 'no';\nEND;\n$$ LANGUAGE plpgsql;\n`,
    );
    expect(await applyMigrations(handle.db, dir)).toHaveLength(3);
    const values = await handle.query(`SELECT unnest(enum_range(NULL::"S"))::text AS v`);
    expect(values.map((r) => r.v)).toEqual(["A", "B"]);
  });

  it("lets only one of two concurrent runners apply each migration", async () => {
    await write("20240101000000_slow", `CREATE TABLE a (id int);\nSELECT pg_sleep(0.3);`);
    await write("20240102000000_next", `CREATE TABLE b (id int);`);
    const other = await handle.second();
    try {
      const [first, second] = await Promise.all([
        applyMigrations(handle.db, dir),
        applyMigrations(other?.db ?? handle.db, dir),
      ]);
      const names = [...first, ...second].map((m) => m.name).sort();
      expect(names).toEqual(["20240101000000_slow", "20240102000000_next"]);
      expect([first.length, second.length].sort()).toEqual([0, 2]);
      expect(await handle.query(`SELECT count(*)::int AS n FROM _prisma_migrations`)).toEqual([{ n: 2 }]);
    } finally {
      await other?.close();
    }
  });

  it("times out clearly while another session holds Prisma's migration lock", async (context) => {
    const other = await handle.second();
    if (!other) {
      context.skip(); // PGlite has a single session
      return;
    }
    const holder = await (other.db as pg.Pool).connect();
    try {
      await holder.query(`SELECT pg_advisory_lock($1)`, [PRISMA_MIGRATION_LOCK_ID]);
      await write("20240101000000_first", `CREATE TABLE a (id int);`);
      const error = await applyMigrations(handle.db, dir, { lockTimeoutMs: 200 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MigrationLockTimeoutError);
      await holder.query(`SELECT pg_advisory_unlock($1)`, [PRISMA_MIGRATION_LOCK_ID]);
      expect(await applyMigrations(handle.db, dir)).toHaveLength(1);
    } finally {
      holder.release();
      await other.close();
    }
  });

  it("works with a pg Client or an executor as well as a Pool/PGlite", async (context) => {
    if (backend !== postgresBackend) {
      context.skip();
      return;
    }
    await write("20240101000000_first", `CREATE TABLE a (id int);`);
    const pool = handle.db as pg.Pool;
    const client = await pool.connect();
    try {
      expect(await applyMigrations(client, dir)).toHaveLength(1);
      // the session's lock_timeout is restored and the advisory lock released
      expect(await client.query(`SELECT current_setting('lock_timeout') AS v`).then((r) => r.rows)).toEqual([
        { v: "0" },
      ]);
      const locks = await client.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory'`);
      expect(locks.rows).toEqual([{ n: 0 }]);
    } finally {
      client.release();
    }
  });
});
