// Applies prisma/migrations/*/migration.sql to a PostgreSQL database (a `pg` Client or Pool, or a PGlite instance),
// recording each one in `_prisma_migrations` exactly as `prisma migrate deploy` does, so that `prisma migrate status`
// run elsewhere agrees. Needed because the native schema engine cannot be downloaded on these machines.
//
// - Order: directory name (lexical), like Prisma.
// - Each migration runs in its own transaction together with its `_prisma_migrations` row. When it fails, the
//   transaction is rolled back and the attempt is recorded as rolled back (with the error in `logs`), so the database
//   is unchanged and the next run retries it. A script with its own BEGIN/COMMIT is run the way Prisma runs it
//   (no wrapping transaction); if that fails the row stays failed and blocks later runs, as with Prisma.
// - Refuses (typed errors below) if an applied migration's file changed or an earlier migration failed.
// - Concurrent runners on the same database are serialized with Prisma's advisory lock (72707369), and runners on
//   the same object in one process with an in-process queue.
//
// No "server-only" here: scripts and tests use it too.
import type { PGliteInterface } from "@electric-sql/pglite";
import type { ClientBase, Pool, PoolClient } from "pg";
import { randomUUID } from "node:crypto";
import { checksumMatches, readMigrationFiles, type MigrationFile } from "./migration-files";

/** The advisory lock id Prisma's schema engine takes on PostgreSQL while migrating. */
export const PRISMA_MIGRATION_LOCK_ID = 72707369;

/** DDL of the migrations table, as Prisma's schema engine creates it (IF NOT EXISTS added). */
export const PRISMA_MIGRATIONS_TABLE_DDL = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);`;

/** One database session. Every call must go to the same connection (the advisory lock is per session). */
export interface MigrationExecutor {
  /** Runs a script of one or more statements, without parameters. */
  execute(sql: string): Promise<void>;
  /** Runs one statement with `$1…` parameters and returns its rows. */
  rows<Row extends Record<string, unknown> = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
  ): Promise<Row[]>;
}

/** What `applyMigrations` accepts: an executor, a `pg` Pool (one client is checked out), a `pg` Client, or PGlite. */
export type MigrationDatabase = MigrationExecutor | Pool | ClientBase | PGliteInterface;

export interface AppliedMigration {
  /** Directory name, e.g. `20260101120000_init`. */
  name: string;
  /** SHA-256 hex of migration.sql, as recorded. */
  checksum: string;
  durationMs: number;
}

export interface ApplyMigrationsOptions {
  /** Progress messages (one per applied migration). Default: silent. */
  log?: (message: string) => void;
  /** How long to wait for another runner's advisory lock before failing; 0 waits forever. Default 300 000. */
  lockTimeoutMs?: number;
}

export type MigrationErrorCode =
  "CHECKSUM_MISMATCH" | "PREVIOUS_MIGRATION_FAILED" | "MIGRATION_FAILED" | "LOCK_TIMEOUT";

export class MigrationError extends Error {
  override name = "MigrationError";
  constructor(
    readonly code: MigrationErrorCode,
    readonly migrationName: string | null,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** An applied migration's migration.sql no longer matches the checksum recorded when it was applied. */
export class MigrationChecksumMismatchError extends MigrationError {
  override name = "MigrationChecksumMismatchError";
  constructor(
    migrationName: string,
    readonly recordedChecksum: string,
    readonly fileChecksum: string,
  ) {
    super(
      "CHECKSUM_MISMATCH",
      migrationName,
      `Migration ${migrationName} was modified after it was applied (recorded checksum ${recordedChecksum}, ` +
        `file ${fileChecksum}). Restore the file and put the change in a new migration.`,
    );
  }
}

/** `_prisma_migrations` holds a failed attempt (finished_at and rolled_back_at null); Prisma's P3009. */
export class PreviousMigrationFailedError extends MigrationError {
  override name = "PreviousMigrationFailedError";
  constructor(
    migrationName: string,
    readonly logs: string | null,
  ) {
    super(
      "PREVIOUS_MIGRATION_FAILED",
      migrationName,
      `Migration ${migrationName} failed earlier and is not marked rolled back; no further migrations are applied. ` +
        `Repair the database, then mark it with \`prisma migrate resolve --rolled-back ${migrationName}\` (or ` +
        `\`--applied\`), or set rolled_back_at = now() on its _prisma_migrations row.` +
        (logs ? `\nRecorded error: ${logs}` : ""),
    );
  }
}

/** A migration's SQL failed just now. `rolledBack` says whether the database was left unchanged. */
export class MigrationFailedError extends MigrationError {
  override name = "MigrationFailedError";
  constructor(
    migrationName: string,
    readonly rolledBack: boolean,
    cause: unknown,
  ) {
    super(
      "MIGRATION_FAILED",
      migrationName,
      `Migration ${migrationName} failed${rolledBack ? " and was rolled back" : " (it has its own transaction control and was NOT rolled back)"}: ` +
        (cause instanceof Error ? cause.message : String(cause)),
      { cause },
    );
  }
}

export class MigrationLockTimeoutError extends MigrationError {
  override name = "MigrationLockTimeoutError";
  constructor(timeoutMs: number, cause: unknown) {
    super(
      "LOCK_TIMEOUT",
      null,
      `Timed out after ${timeoutMs} ms waiting for another migration runner (advisory lock ${PRISMA_MIGRATION_LOCK_ID}).`,
      { cause },
    );
  }
}

export function pgExecutor(client: ClientBase): MigrationExecutor {
  return {
    async execute(sql) {
      await client.query(sql); // no parameters: simple query protocol, several statements allowed
    },
    async rows<Row extends Record<string, unknown>>(sql: string, params: readonly unknown[] = []) {
      return (await client.query<Row>(sql, [...params])).rows;
    },
  };
}

export function pgliteExecutor(db: PGliteInterface): MigrationExecutor {
  return {
    async execute(sql) {
      await db.exec(sql);
    },
    async rows<Row extends Record<string, unknown>>(sql: string, params: readonly unknown[] = []) {
      return (await db.query<Row>(sql, [...params])).rows;
    },
  };
}

function isExecutor(db: MigrationDatabase): db is MigrationExecutor {
  return (
    typeof (db as MigrationExecutor).execute === "function" && typeof (db as MigrationExecutor).rows === "function"
  );
}
function isPool(db: MigrationDatabase): db is Pool {
  return typeof (db as Pool).connect === "function" && typeof (db as Pool).totalCount === "number";
}
function isPGlite(db: MigrationDatabase): db is PGliteInterface {
  return typeof (db as PGliteInterface).exec === "function" && "waitReady" in db;
}

async function withSession<T>(db: MigrationDatabase, fn: (executor: MigrationExecutor) => Promise<T>): Promise<T> {
  if (isExecutor(db)) return fn(db);
  if (isPGlite(db)) return fn(pgliteExecutor(db));
  if (isPool(db)) {
    const client: PoolClient = await db.connect();
    let failed = false;
    try {
      return await fn(pgExecutor(client));
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      client.release(failed); // a client that failed mid-way may hold session state: drop it
    }
  }
  return fn(pgExecutor(db as ClientBase));
}

/** Runners on the same object in this process queue up (PGlite has one session, so the advisory lock cannot). */
const inProcessQueues = new WeakMap<object, Promise<unknown>>();

function queued<T>(key: object, fn: () => Promise<T>): Promise<T> {
  const previous = inProcessQueues.get(key) ?? Promise.resolve();
  const run = previous.then(fn, fn);
  inProcessQueues.set(
    key,
    run.catch(() => undefined),
  );
  return run;
}

interface MigrationRow extends Record<string, unknown> {
  id: string;
  checksum: string;
  finished_at: Date | string | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | string | null;
}

/**
 * Whether a script opens or ends transactions itself (Prisma writes `BEGIN; … COMMIT;` around some enum changes);
 * such a script must not be wrapped in one. Function bodies, strings and comments are ignored.
 */
export function hasTransactionControl(sql: string): boolean {
  // One left-to-right pass, so that whichever of these starts first wins (a quote inside a comment, etc.).
  const code = sql.replace(
    /\$([A-Za-z_]\w*)?\$[\s\S]*?\$\1\$|'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\//g,
    " ",
  );
  return code
    .split(";")
    .some((statement) => /^\s*(BEGIN|START\s+TRANSACTION|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE)\b/i.test(statement));
}

function errorText(error: unknown): string {
  if (error instanceof Error) {
    const e = error as Error & { code?: unknown; detail?: unknown };
    return [
      e.message,
      typeof e.code === "string" ? `(SQLSTATE ${e.code})` : "",
      typeof e.detail === "string" ? e.detail : "",
    ]
      .filter(Boolean)
      .join(" ");
  }
  return String(error);
}

/**
 * Applies the migrations under `migrationsDir` that `_prisma_migrations` does not list as applied, in order, and
 * returns those it applied (empty when up to date). Throws a `MigrationError` subclass on refusal or failure;
 * migrations applied before a failure stay applied.
 */
export async function applyMigrations(
  db: MigrationDatabase,
  migrationsDir: string,
  options: ApplyMigrationsOptions = {},
): Promise<AppliedMigration[]> {
  const migrations = await readMigrationFiles(migrationsDir);
  return queued(db, () => withSession(db, (executor) => applyLocked(executor, migrations, options)));
}

async function applyLocked(
  executor: MigrationExecutor,
  migrations: MigrationFile[],
  { log = () => undefined, lockTimeoutMs = 300_000 }: ApplyMigrationsOptions,
): Promise<AppliedMigration[]> {
  await acquireLock(executor, lockTimeoutMs);
  try {
    await executor.execute(PRISMA_MIGRATIONS_TABLE_DDL);
    const rows = await executor.rows<MigrationRow>(
      `SELECT id, checksum, finished_at, migration_name, logs, rolled_back_at FROM _prisma_migrations ORDER BY started_at ASC`,
    );
    const live = rows.filter((row) => row.rolled_back_at === null);
    const failed = live.find((row) => row.finished_at === null);
    if (failed) throw new PreviousMigrationFailedError(failed.migration_name, failed.logs);

    const applied = new Map<string, MigrationRow>();
    for (const row of live) applied.set(row.migration_name, row);
    for (const migration of migrations) {
      const row = applied.get(migration.name);
      if (row && !checksumMatches(migration.sql, row.checksum)) {
        throw new MigrationChecksumMismatchError(migration.name, row.checksum, migration.checksum);
      }
    }

    const done: AppliedMigration[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.name)) continue;
      const started = Date.now();
      await applyOne(executor, migration);
      const result = { name: migration.name, checksum: migration.checksum, durationMs: Date.now() - started };
      log(`Applied migration ${migration.name} (${result.durationMs} ms)`);
      done.push(result);
    }
    return done;
  } finally {
    await executor.rows(`SELECT pg_advisory_unlock($1)`, [PRISMA_MIGRATION_LOCK_ID]).catch(() => undefined);
  }
}

async function acquireLock(executor: MigrationExecutor, timeoutMs: number): Promise<void> {
  const [previous] = await executor.rows<{ value: string }>(`SELECT current_setting('lock_timeout') AS value`);
  await executor.rows(`SELECT set_config('lock_timeout', $1, false)`, [`${Math.max(0, Math.floor(timeoutMs))}ms`]);
  try {
    await executor.rows(`SELECT pg_advisory_lock($1)`, [PRISMA_MIGRATION_LOCK_ID]);
  } catch (error) {
    if ((error as { code?: unknown }).code === "55P03") throw new MigrationLockTimeoutError(timeoutMs, error);
    throw error;
  } finally {
    await executor.rows(`SELECT set_config('lock_timeout', $1, false)`, [previous?.value ?? "0"]);
  }
}

const INSERT_ROW = `INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name) VALUES ($1, $2, now(), $3)`;
const FINISH_ROW = `UPDATE _prisma_migrations SET applied_steps_count = applied_steps_count + 1, finished_at = clock_timestamp() WHERE id = $1`;

async function applyOne(executor: MigrationExecutor, migration: MigrationFile): Promise<void> {
  const id = randomUUID();
  if (hasTransactionControl(migration.sql)) {
    // Prisma's way: record the attempt, run the script, mark it finished; a failure leaves a failed row.
    await executor.rows(INSERT_ROW, [id, migration.checksum, migration.name]);
    try {
      await executor.execute(migration.sql);
    } catch (error) {
      await executor.execute("ROLLBACK").catch(() => undefined); // in case the script's own transaction is open
      await executor.rows(`UPDATE _prisma_migrations SET logs = $2 WHERE id = $1`, [id, errorText(error)]);
      throw new MigrationFailedError(migration.name, false, error);
    }
    await executor.rows(FINISH_ROW, [id]);
    return;
  }

  await executor.execute("BEGIN");
  try {
    await executor.rows(INSERT_ROW, [id, migration.checksum, migration.name]);
    await executor.execute(migration.sql);
    await executor.rows(FINISH_ROW, [id]);
    await executor.execute("COMMIT");
  } catch (error) {
    await executor.execute("ROLLBACK").catch(() => undefined);
    // Keep a trace of the attempt, marked rolled back: Prisma (and this runner) ignore it, the next run retries.
    await executor
      .rows(
        `INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name, logs, rolled_back_at) VALUES ($1, $2, now(), $3, $4, now())`,
        [id, migration.checksum, migration.name, errorText(error)],
      )
      .catch(() => undefined);
    throw new MigrationFailedError(migration.name, true, error);
  }
}
