import { createHmac } from "node:crypto";
import type pg from "pg";

/**
 * The app runs under a database role that owns nothing and holds only the rights it needs; migrations run under the
 * owner (DATABASE_URL). So whoever gets the app's connection cannot change or delete audit events, disable the
 * trigger that guards them, or alter any table.
 *
 * DATABASE_APP_URL: the app's own connection, managed by the operator (rights are granted to its role at start when
 * the owner may). Otherwise DATABASE_APP_ROLE names the role (default: the database's name + "_app"; "none" = run as
 * the owner), created at start with a password derived from AUTH_SECRET, so every instance arrives at the same one.
 */
export type RuntimeRole = { kind: "owner" } | { kind: "role"; role: string; url: string; managed: boolean };

/** Lower-case letters, digits and underscores, at most 63 bytes: a role name that needs no quoting anywhere. */
function safeRoleName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, "_")
    .slice(0, 63);
}

export function runtimeRoleFor(env: Readonly<Record<string, string | undefined>>, secret: string): RuntimeRole {
  const ownerUrl = env.DATABASE_URL;
  if (!ownerUrl) return { kind: "owner" };
  if (env.DATABASE_APP_URL) {
    const role = decodeURIComponent(new URL(env.DATABASE_APP_URL).username);
    if (!role) throw new Error("DATABASE_APP_URL must name its user");
    return { kind: "role", role, url: env.DATABASE_APP_URL, managed: true };
  }
  const setting = env.DATABASE_APP_ROLE?.trim();
  if (setting === "none") return { kind: "owner" };
  const url = new URL(ownerUrl);
  const database = decodeURIComponent(url.pathname.replace(/^\//, "")) || "postgres";
  const role = safeRoleName(setting || `${database}_app`);
  url.username = role;
  url.password = createHmac("sha256", secret).update(`renewal-desk database role ${role}`).digest("base64url");
  return { kind: "role", role, url: url.toString(), managed: false };
}

/** The app may read everything, write everything but the audit trail (append only) and the migration record. */
function grantStatements(client: pg.Client, role: string): string[] {
  const name = client.escapeIdentifier(role);
  return [
    `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${name}`,
    `GRANT USAGE ON SCHEMA public TO ${name}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${name}`,
    `REVOKE UPDATE, DELETE ON "AuditEvent" FROM ${name}`,
    `REVOKE INSERT, UPDATE, DELETE ON "_prisma_migrations" FROM ${name}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${name}`,
  ];
}

/** Serializes instances that start at the same moment (GRANT and ALTER ROLE do not like to race). */
const ROLE_SETUP_LOCK = 7_270_737_001;

/**
 * Creates or updates the app's role and grants its rights, as the owner, after the migrations. Refuses a role that
 * owns anything or that is a superuser: such a role could undo every restriction.
 */
export async function prepareRuntimeRole(
  owner: pg.Client,
  runtime: Extract<RuntimeRole, { kind: "role" }>,
): Promise<void> {
  await owner.query("SELECT pg_advisory_lock($1)", [ROLE_SETUP_LOCK]);
  try {
    const name = owner.escapeIdentifier(runtime.role);
    if (!runtime.managed) {
      const password = owner.escapeLiteral(decodeURIComponent(new URL(runtime.url).password));
      const exists = await owner.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [runtime.role]);
      const options = `LOGIN PASSWORD ${password} NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS`;
      await owner.query(exists.rowCount ? `ALTER ROLE ${name} ${options}` : `CREATE ROLE ${name} ${options}`);
    }
    const facts = await owner.query<{ superuser: boolean; owns: string }>(
      `SELECT r.rolsuper AS superuser,
              (SELECT count(*) FROM pg_class c WHERE c.relowner = r.oid)
            + (SELECT count(*) FROM pg_namespace n WHERE n.nspowner = r.oid)
            + (SELECT count(*) FROM pg_database d WHERE d.datname = current_database() AND d.datdba = r.oid) AS owns
         FROM pg_roles r WHERE r.rolname = $1`,
      [runtime.role],
    );
    const fact = facts.rows[0];
    if (!fact) throw new Error(`The database role ${runtime.role} does not exist`);
    if (fact.superuser || Number(fact.owns) > 0) {
      throw new Error(
        `The database role ${runtime.role} is a superuser or owns objects; the app's role must own nothing. Use another role.`,
      );
    }
    for (const statement of grantStatements(owner, runtime.role)) await owner.query(statement);
    await owner.query(`GRANT CONNECT ON DATABASE ${owner.escapeIdentifier(await currentDatabase(owner))} TO ${name}`);
  } finally {
    await owner.query("SELECT pg_advisory_unlock($1)", [ROLE_SETUP_LOCK]);
  }
}

async function currentDatabase(client: pg.Client): Promise<string> {
  const result = await client.query<{ name: string }>("SELECT current_database() AS name");
  return result.rows[0]!.name;
}
