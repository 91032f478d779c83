import { afterAll, describe, expect, it } from "vitest";
import pg from "pg";
import { prepareRuntimeRole, runtimeRoleFor } from "@/lib/db/app-role";
import { createDatabase } from "@/lib/db/client";
import { uniqueTag } from "../factories";

/**
 * The app's database role (lib/db/app-role.ts) as an attacker holding its connection would use it: every way of
 * changing or removing audit events is refused by PostgreSQL itself, while everything the app does still works.
 */
const serverDatabase = process.env.DATABASE_URL;
const tag = uniqueTag();
const roles: string[] = [];

async function connect(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/** The SQLSTATE a statement fails with, or "ok". */
async function outcome(client: pg.Client, sql: string): Promise<string> {
  try {
    await client.query(sql);
    return "ok";
  } catch (error) {
    return (error as { code?: string }).code ?? "unknown";
  }
}

afterAll(async () => {
  if (!serverDatabase) return;
  const owner = await connect(serverDatabase);
  for (const role of roles) {
    await owner.query(`DROP OWNED BY ${owner.escapeIdentifier(role)}`).catch(() => undefined);
    await owner.query(`DROP ROLE IF EXISTS ${owner.escapeIdentifier(role)}`);
  }
  await owner.end();
});

describe.runIf(serverDatabase)("the app's database role", () => {
  it("cannot change, delete, truncate or unguard the audit trail, nor alter any table", async () => {
    const runtime = runtimeRoleFor(
      { DATABASE_URL: serverDatabase, DATABASE_APP_ROLE: `rd_roles_${tag}` },
      "role-test-secret",
    );
    if (runtime.kind !== "role") throw new Error("expected a role");
    roles.push(runtime.role);
    const owner = await connect(serverDatabase!);
    await prepareRuntimeRole(owner, runtime);
    await prepareRuntimeRole(owner, runtime); // every start does it again
    await owner.end();

    const app = await connect(runtime.url);
    const attacks = {
      update: 'UPDATE "AuditEvent" SET kind = kind',
      delete: 'DELETE FROM "AuditEvent"',
      truncate: 'TRUNCATE "AuditEvent"',
      disableTrigger: 'ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL',
      replicationRole: "SET session_replication_role = replica",
      dropTable: 'DROP TABLE "AuditEvent"',
      alterCase: 'ALTER TABLE "Case" ADD COLUMN x int',
      createTable: "CREATE TABLE attacker (x int)",
      forgeMigration: `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ('x', 'x', 'x', now())`,
    };
    const results: Record<string, string> = {};
    for (const [name, sql] of Object.entries(attacks)) results[name] = await outcome(app, sql);
    // 42501: insufficient privilege (also "must be owner"); nothing else is acceptable.
    expect(results).toEqual(Object.fromEntries(Object.keys(attacks).map((name) => [name, "42501"])));
    expect(await outcome(app, 'SELECT count(*) FROM "AuditEvent"')).toBe("ok");
    await app.end();
  });

  it("does everything the app does: a case is created, its certificates uploaded and steps completed", async () => {
    const runtime = runtimeRoleFor(
      { DATABASE_URL: serverDatabase, DATABASE_APP_ROLE: `rd_roles_${tag}` },
      "role-test-secret",
    );
    if (runtime.kind !== "role") throw new Error("expected a role");
    // This test file's process now works as the role, like the server after its start.
    const holder = globalThis as unknown as { renewalDeskDb?: ReturnType<typeof createDatabase> };
    holder.renewalDeskDb = createDatabase(runtime.url);
    const { makeCase, uploadNewCertificates, stepInputs } = await import("../factories");
    const { db } = await import("@/lib/db");
    const { mailWorkerIdle, deliverDueMail } = await import("@/lib/mail/store/delivery");
    const made = await makeCase();
    await uploadNewCertificates(made.caseId, made.tenantAdmin.id);
    await stepInputs.receiverTasks(made.caseId, made.receiverAdmin.id);
    await deliverDueMail();
    await mailWorkerIdle();
    const steps = await db().step.findMany({
      where: { caseId: made.caseId },
      orderBy: { number: "asc" },
      select: { status: true },
    });
    expect(steps.slice(0, 5).map((step) => step.status)).toEqual(["DONE", "DONE", "DONE", "DONE", "READY"]);
    expect(await db().outgoingMail.count({ where: { caseId: made.caseId, status: "SENT" } })).toBeGreaterThan(0);
    await holder.renewalDeskDb.prisma.$disconnect();
    holder.renewalDeskDb = undefined;
  });

  it("must own nothing: a role that owns a table is refused", async () => {
    const role = `rd_owning_${tag}`;
    roles.push(role);
    const owner = await connect(serverDatabase!);
    await owner.query(`CREATE ROLE ${role} LOGIN`);
    await owner.query(`CREATE TABLE owned_${tag} (x int)`);
    await owner.query(`ALTER TABLE owned_${tag} OWNER TO ${role}`);
    const url = new URL(serverDatabase!);
    url.username = role;
    const runtime = runtimeRoleFor({ DATABASE_URL: serverDatabase, DATABASE_APP_URL: url.toString() }, "s");
    if (runtime.kind !== "role") throw new Error("expected a role");
    await expect(prepareRuntimeRole(owner, runtime)).rejects.toThrow(
      `The database role ${role} is a superuser or owns objects`,
    );
    await owner.end();
  });
});
