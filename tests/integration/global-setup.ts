import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

/**
 * With DATABASE_URL: a fresh database on that server for this run, dropped afterwards.
 * Without: a fresh embedded PGlite data folder. Each test file migrates it in its own process (tests/integration/setup.ts).
 */
export default async function setup() {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dir = mkdtempSync(path.join(tmpdir(), "rd-integration-"));
    process.env.PGLITE_DATA_DIR = path.join(dir, "pglite");
    console.info(`[integration] DATABASE_URL is not set: using an embedded PGlite database in ${dir}`);
    return () => rmSync(dir, { recursive: true, force: true });
  }
  const name = `rd_it_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  console.info(`[integration] using the fresh database ${name}`);
  return async () => {
    const cleanup = new pg.Client({ connectionString: serverUrl });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await cleanup.end();
  };
}
