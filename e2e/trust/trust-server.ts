import { randomBytes } from "node:crypto";
import pg from "pg";
import { startAppServer, type AppServer } from "../outage/app-server";

export interface TrustServer {
  app: AppServer;
  /** A superuser connection to the server's database, to check what the attacks left behind. */
  sql: pg.Client;
  stop(): Promise<void>;
}

/**
 * A production server as the outside probe found it: `npm start`'s server on PostgreSQL (a fresh database on the
 * DATABASE_URL server), the development mailbox, no AUTH_URL or APP_URL, default limits and workspace policy.
 */
export async function startTrustServer(config: Record<string, string> = {}): Promise<TrustServer> {
  const serverUrl = process.env.DATABASE_URL!;
  const name = `rd_trust_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const app = await startAppServer(
    {
      DATABASE_URL: url.toString(),
      DEV_MAILBOX: "1",
      AUTH_SECRET: randomBytes(24).toString("hex"),
      MAIL_POLL_MS: "300",
      SCHEDULE_POLL_MS: "1000",
      ...config,
    },
    { canonical: "default" },
  );
  const sql = new pg.Client({ connectionString: url.toString() });
  await sql.connect();
  return {
    app,
    sql,
    stop: async () => {
      await sql.end();
      await app.stop();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.query(`DROP ROLE IF EXISTS ${name}_app`);
      await cleanup.end();
    },
  };
}
