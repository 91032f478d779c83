/** PostgreSQL helpers for the bench: database URLs, fresh databases, catalog-driven bulk inserts. */
import pg from "pg";
import { TABLE_COLUMNS, TABLES, type TableName, type TableRows } from "./rows";

export const DEFAULT_SERVER_URL = "postgres://postgres@127.0.0.1:5432/postgres";

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

export function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
  return name || "postgres";
}

/** The server's maintenance database, for CREATE/DROP DATABASE. */
export function maintenanceUrl(url: string): string {
  return databaseUrl(url, "postgres");
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function databaseExists(serverUrl: string, name: string): Promise<boolean> {
  return withClient(
    maintenanceUrl(serverUrl),
    async (client) => (await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1,
  );
}

export async function createFreshDatabase(serverUrl: string, name: string): Promise<void> {
  await withClient(maintenanceUrl(serverUrl), async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${quote(name)}`);
  });
}

/** The JSON the seed leaves as the database's comment (what, when, how big). */
export async function readSeedInfo(serverUrl: string, name: string): Promise<Record<string, unknown> | null> {
  return withClient(maintenanceUrl(serverUrl), async (client) => {
    const { rows } = await client.query<{ comment: string | null }>(
      "SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1",
      [name],
    );
    try {
      const parsed = JSON.parse(rows[0]?.comment ?? "null") as Record<string, unknown> | null;
      return parsed && parsed.generator === "renewal-desk bench seed" ? parsed : null;
    } catch {
      return null;
    }
  });
}

export async function writeSeedInfo(client: pg.ClientBase, name: string, info: Record<string, unknown>): Promise<void> {
  const text = JSON.stringify({ generator: "renewal-desk bench seed", ...info }).replace(/'/g, "''");
  await client.query(`COMMENT ON DATABASE ${quote(name)} IS '${text}'`);
}

/**
 * Column types from the catalog. Fails when a column the seed writes is gone, or when a later migration added a
 * NOT NULL column without a default that the seed does not know (additive columns with defaults are fine).
 */
export async function columnTypes(client: pg.ClientBase): Promise<Map<TableName, Map<string, string>>> {
  const { rows } = await client.query<{
    table: string;
    column: string;
    type: string;
    notnull: boolean;
    hasdefault: boolean;
    identity: string;
    generated: string;
  }>(
    `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
            a.attnotnull AS notnull, a.atthasdef AS hasdefault, a.attidentity AS identity, a.attgenerated AS generated
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relname = ANY($1) AND a.attnum > 0 AND NOT a.attisdropped`,
    [TABLES],
  );
  const types = new Map<TableName, Map<string, string>>();
  for (const row of rows) {
    const table = row.table as TableName;
    if (!types.has(table)) types.set(table, new Map());
    types.get(table)!.set(row.column, row.type);
  }
  const problems: string[] = [];
  for (const table of TABLES) {
    const known = types.get(table);
    if (!known) {
      problems.push(`table "${table}" does not exist`);
      continue;
    }
    for (const column of TABLE_COLUMNS[table])
      if (!known.has(column)) problems.push(`column "${table}"."${column}" does not exist`);
    for (const row of rows) {
      if (row.table !== table || (TABLE_COLUMNS[table] as readonly string[]).includes(row.column)) continue;
      if (row.notnull && !row.hasdefault && !row.identity && !row.generated)
        problems.push(`"${table}"."${row.column}" is NOT NULL without a default: teach bench/lib/model.ts about it`);
    }
  }
  if (problems.length > 0) throw new Error(`The schema no longer matches the bench seed:\n- ${problems.join("\n- ")}`);
  return types;
}

const MAX_STATEMENT_BYTES = 12 * 1024 * 1024;
const MAX_STATEMENT_ROWS = 20_000;

/** INSERT … SELECT … FROM unnest(text arrays), split into statements of at most ~12 MB. */
export async function insertRows(
  client: pg.ClientBase,
  types: Map<TableName, Map<string, string>>,
  rows: TableRows,
): Promise<void> {
  const total = rows.length;
  if (total === 0) return;
  const columnTypesOfTable = types.get(rows.table)!;
  const columns = rows.columns;
  const sql =
    `INSERT INTO ${quote(rows.table)} (${columns.map(quote).join(", ")}) ` +
    `SELECT ${columns.map((column, i) => `c${i}::${columnTypesOfTable.get(column)}`).join(", ")} ` +
    `FROM unnest(${columns.map((_, i) => `$${i + 1}::text[]`).join(", ")}) AS t(${columns.map((_, i) => `c${i}`).join(", ")})`;
  const perRow = Math.max(1, rows.bytes / total);
  const step = Math.max(1, Math.min(MAX_STATEMENT_ROWS, Math.floor(MAX_STATEMENT_BYTES / perRow)));
  for (let start = 0; start < total; start += step) {
    const values = rows.data.map((column) => column.slice(start, start + step));
    await client.query(sql, values);
  }
}

interface SavedIndex {
  name: string;
  definition: string;
}
interface SavedForeignKey {
  table: string;
  name: string;
  definition: string;
}

/**
 * Drops the secondary indexes (those not backing a constraint) and the foreign keys of the seeded tables, and
 * returns what is needed to put them back exactly as the migrations made them (loading first and indexing after
 * is several times faster).
 */
export async function dropIndexesAndForeignKeys(
  client: pg.ClientBase,
): Promise<{ indexes: SavedIndex[]; foreignKeys: SavedForeignKey[] }> {
  const indexes = (
    await client.query<SavedIndex>(
      `SELECT ic.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
         FROM pg_index i
         JOIN pg_class ic ON ic.oid = i.indexrelid
         JOIN pg_class tc ON tc.oid = i.indrelid
         JOIN pg_namespace n ON n.oid = tc.relnamespace
        WHERE n.nspname = current_schema() AND tc.relname = ANY($1)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
      [TABLES],
    )
  ).rows;
  const foreignKeys = (
    await client.query<SavedForeignKey>(
      `SELECT k.conrelid::regclass::text AS table, k.conname AS name, pg_get_constraintdef(k.oid) AS definition
         FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace
        WHERE k.contype = 'f' AND n.nspname = current_schema()`,
    )
  ).rows;
  for (const fk of foreignKeys) await client.query(`ALTER TABLE ${fk.table} DROP CONSTRAINT ${quote(fk.name)}`);
  for (const index of indexes) await client.query(`DROP INDEX ${quote(index.name)}`);
  return { indexes, foreignKeys };
}

export async function restoreIndexesAndForeignKeys(
  client: pg.ClientBase,
  saved: { indexes: SavedIndex[]; foreignKeys: SavedForeignKey[] },
  log: (message: string) => void,
): Promise<void> {
  await client.query("SET maintenance_work_mem = '512MB'");
  for (const index of saved.indexes) {
    const started = Date.now();
    await client.query(index.definition);
    log(`  index ${index.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  for (const fk of saved.foreignKeys) {
    await client.query(`ALTER TABLE ${fk.table} ADD CONSTRAINT ${quote(fk.name)} ${fk.definition}`);
  }
  log(`  ${saved.foreignKeys.length} foreign keys validated`);
}
