/** Fills a PostgreSQL database with N realistic cases (see model.ts for the shape) as fast as the server takes it. */
import path from "node:path";
import pg from "pg";
import { applyMigrations } from "@/lib/db/migrate";
import { givenByPerson, TENANT_CLIENT_NEW_CA_BOTH, TENANT_CLIENT_NEW_CA_DOWNTIME } from "@/lib/workflow/definitions";
import { actorsOf } from "@/lib/workflow/turn";
import { certificateTemplates } from "./certificate-templates";
import {
  columnTypes,
  createFreshDatabase,
  databaseName,
  databaseUrl,
  dropIndexesAndForeignKeys,
  insertRows,
  restoreIndexesAndForeignKeys,
  withClient,
  writeSeedInfo,
} from "./database";
import { BenchDataGenerator } from "./model";
import { TABLES, type Batch, type TableName } from "./rows";

export const SEED_VERSION = 2;
const REPO_ROOT = path.resolve(import.meta.dirname, "../..");
const BATCH_CASES = 500;
const CONNECTIONS = 3;

export interface SeedOptions {
  cases: number;
  /** A server URL (with --fresh) or the URL of the database to fill. */
  url: string;
  /** Create (or re-create) this database on the server first. */
  freshDatabase?: string;
  seed?: number;
  log?: (message: string) => void;
}

export interface SeedResult {
  url: string;
  database: string;
  cases: number;
  seconds: number;
  rows: Record<string, number>;
  sizeBytes: number;
  checks: Record<string, number>;
}

export async function seedDatabase(options: SeedOptions): Promise<SeedResult> {
  const log = options.log ?? console.log;
  const started = Date.now();
  let url = options.url;
  if (options.freshDatabase) {
    await createFreshDatabase(options.url, options.freshDatabase);
    url = databaseUrl(options.url, options.freshDatabase);
    log(`created database ${options.freshDatabase}`);
  }
  const database = databaseName(url);

  const pool = new pg.Pool({ connectionString: url, max: CONNECTIONS });
  pool.on("connect", (client) => {
    void client.query("SET synchronous_commit = off");
  });
  try {
    const admin = await pool.connect();
    let saved: Awaited<ReturnType<typeof dropIndexesAndForeignKeys>>;
    let types: Awaited<ReturnType<typeof columnTypes>>;
    try {
      const applied = await applyMigrations(admin, path.join(REPO_ROOT, "prisma/migrations"));
      log(`migrations: ${applied.length} applied`);
      const { rows } = await admin.query<{ n: string }>(`SELECT count(*) AS n FROM "Workspace"`);
      if (Number(rows[0]!.n) > 0)
        throw new Error(`${database} already holds workspaces; seed an empty database (or use --fresh).`);
      types = await columnTypes(admin);
      saved = await dropIndexesAndForeignKeys(admin);
      log(
        `dropped ${saved.indexes.length} secondary indexes and ${saved.foreignKeys.length} foreign keys for the load`,
      );
    } finally {
      admin.release();
    }

    const now = new Date();
    const generator = new BenchDataGenerator({
      cases: options.cases,
      seed: options.seed ?? 20_261_128,
      now,
      templates: await certificateTemplates(now),
    });
    const rows: Record<string, number> = Object.fromEntries(TABLES.map((table) => [table, 0]));
    const inFlight = new Set<Promise<void>>();
    let failure: unknown = null;
    const send = async (batch: Batch) => {
      for (const table of TABLES) {
        const tableRows = batch[table as TableName];
        if (tableRows.length === 0) continue;
        rows[table]! += tableRows.length;
        const job = (async () => {
          const client = await pool.connect();
          try {
            await insertRows(client, types, tableRows);
          } finally {
            client.release();
          }
        })().catch((error: unknown) => {
          failure ??= error;
        });
        inFlight.add(job);
        void job.finally(() => inFlight.delete(job));
        // Back-pressure: keep a few statements queued per connection, no more.
        while (inFlight.size >= CONNECTIONS * 2) await Promise.race(inFlight);
        if (failure) throw failure;
      }
    };

    await send(generator.setupBatch());
    log(`${generator.counts.workspaces} workspaces, ${generator.counts.users} people`);
    let nextReport = Math.max(BATCH_CASES, Math.round(options.cases / 10));
    for (let from = 0; from < options.cases; from += BATCH_CASES) {
      const to = Math.min(options.cases, from + BATCH_CASES);
      await send(generator.caseBatch(from, to));
      if (to >= nextReport || to === options.cases) {
        log(`  ${to} / ${options.cases} cases generated (${((Date.now() - started) / 1000).toFixed(0)} s)`);
        nextReport += Math.max(BATCH_CASES, Math.round(options.cases / 10));
      }
    }
    await Promise.all(inFlight);
    if (failure) throw failure;
    log(`rows loaded in ${((Date.now() - started) / 1000).toFixed(0)} s; indexing`);

    const client = await pool.connect();
    try {
      await restoreIndexesAndForeignKeys(client, saved, log);
      await client.query("VACUUM (ANALYZE)");
      log(`vacuumed and analyzed (${((Date.now() - started) / 1000).toFixed(0)} s)`);
      const checks = await verifyConsistency(client);
      const bad = Object.entries(checks).filter(([name, count]) => name.startsWith("violations:") && count > 0);
      if (bad.length > 0) throw new Error(`Seeded data is inconsistent: ${JSON.stringify(Object.fromEntries(bad))}`);
      const size = Number(
        (await client.query<{ size: string }>("SELECT pg_database_size(current_database()) AS size")).rows[0]!.size,
      );
      const seconds = Math.round((Date.now() - started) / 100) / 10;
      await writeSeedInfo(client, database, {
        version: SEED_VERSION,
        cases: options.cases,
        seededAt: now.toISOString(),
        seconds,
        rows,
        counts: generator.counts,
      });
      return { url, database, cases: options.cases, seconds, rows, sizeBytes: size, checks };
    } finally {
      client.release();
    }
  } finally {
    await pool.end();
  }
}

/**
 * Invariants of the procedure (lib/workflow/definitions.ts), checked in SQL on the seeded data; every
 * "violations:" count must be 0.
 */
export async function verifyConsistency(client: pg.ClientBase): Promise<Record<string, number>> {
  const steps = [...TENANT_CLIENT_NEW_CA_BOTH.steps, ...TENANT_CLIENT_NEW_CA_DOWNTIME.steps];
  const handovers = [...new Set(steps.filter((step) => step.kind === "handover").map((step) => step.key))];
  const waiting = [...new Set(steps.filter((step) => step.waitsFor).map((step) => step.key))];
  const allowed = steps
    .filter((step) => givenByPerson(step))
    .flatMap((step) => actorsOf(step).map((role) => [step.key, role] as const));
  const params = {
    handovers,
    waiting,
    allowedKeys: allowed.map(([key]) => key),
    allowedRoles: allowed.map(([, role]) => role),
  };
  const checks: Record<string, [string, unknown[]]> = {
    "violations: open case without exactly one ready step": [
      `SELECT count(*) FROM "Case" c WHERE c.status = 'OPEN' AND (SELECT count(*) FROM "Step" s WHERE s."caseId" = c.id AND s.status = 'READY') <> 1`,
      [],
    ],
    "violations: closed case with a step still to do": [
      `SELECT count(*) FROM "Step" s JOIN "Case" c ON c.id = s."caseId" WHERE (c.status = 'CANCELLED' AND s.status IN ('READY', 'BLOCKED')) OR (c.status = 'COMPLETED' AND s.status <> 'DONE')`,
      [],
    ],
    "violations: wrong number of steps": [
      `SELECT count(*) FROM (SELECT c.procedure, count(s.id) AS n FROM "Case" c JOIN "Step" s ON s."caseId" = c.id GROUP BY c.id, c.procedure) x WHERE (procedure = 'TENANT_CLIENT_NEW_CA_BOTH' AND n <> ${TENANT_CLIENT_NEW_CA_BOTH.steps.length}) OR (procedure = 'TENANT_CLIENT_NEW_CA_DOWNTIME' AND n <> ${TENANT_CLIENT_NEW_CA_DOWNTIME.steps.length})`,
      [],
    ],
    "violations: done step after a step not done": [
      `SELECT count(*) FROM (SELECT status, bool_and(status = 'DONE') OVER (PARTITION BY "caseId" ORDER BY number ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before_done FROM "Step") x WHERE status = 'DONE' AND before_done = false`,
      [],
    ],
    "violations: hand-over ready (unless it waits) or done by a person": [
      `SELECT count(*) FROM "Step" WHERE key = ANY($1) AND ((status = 'READY' AND NOT key = ANY($2)) OR (status = 'DONE' AND (channel <> 'SYSTEM' OR "completedById" IS NOT NULL)))`,
      [params.handovers, params.waiting],
    ],
    "violations: action done by someone without the role": [
      `SELECT count(*) FROM "Step" s WHERE s.status = 'DONE' AND NOT s.key = ANY($1) AND NOT EXISTS (
         SELECT 1 FROM "Participant" p JOIN unnest($2::text[], $3::text[]) AS a(key, role) ON a.key = s.key AND a.role = p.role::text
          WHERE p."caseId" = s."caseId" AND p."userId" = s."completedById")`,
      [params.handovers, params.allowedKeys, params.allowedRoles],
    ],
    "violations: participant not in the workspace": [
      `SELECT count(*) FROM "Participant" p JOIN "Case" c ON c.id = p."caseId" WHERE NOT EXISTS (SELECT 1 FROM "Membership" m WHERE m."workspaceId" = c."workspaceId" AND m."userId" = p."userId")`,
      [],
    ],
    "violations: new certificates without step 1 done": [
      `SELECT count(*) FROM "CertificateUpload" u JOIN "Step" s ON s."caseId" = u."caseId" AND s.number = 1 WHERE u.set = 'NEW' AND s.status <> 'DONE'`,
      [],
    ],
    "violations: waiting hand-over without a window": [
      `SELECT count(*) FROM "Step" s JOIN "Case" c ON c.id = s."caseId" WHERE s.key = ANY($1) AND s.status IN ('READY', 'DONE') AND c."windowStart" IS NULL`,
      [params.waiting],
    ],
    "cases open": [`SELECT count(*) FROM "Case" WHERE status = 'OPEN'`, []],
    "cases completed": [`SELECT count(*) FROM "Case" WHERE status = 'COMPLETED'`, []],
    "cases cancelled": [`SELECT count(*) FROM "Case" WHERE status = 'CANCELLED'`, []],
    "ready steps escalated": [`SELECT count(*) FROM "Step" WHERE status = 'READY' AND "escalatedAt" IS NOT NULL`, []],
  };
  const results: Record<string, number> = {};
  for (const [name, [sql, values]] of Object.entries(checks))
    results[name] = Number((await client.query<{ count: string }>(sql, values)).rows[0]!.count);
  const stages = await client.query<{ variant: string; number: number; n: string }>(
    `SELECT CASE c.procedure WHEN 'TENANT_CLIENT_NEW_CA_BOTH' THEN 'A' ELSE 'B' END AS variant, s.number, count(*) AS n FROM "Step" s JOIN "Case" c ON c.id = s."caseId" WHERE s.status = 'READY' GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  for (const row of stages.rows) results[`open at step ${row.variant}${row.number}`] = Number(row.n);
  return results;
}

export { withClient };
