/**
 * Simulated users: signed in the way Auth.js signs people in (a Session row; the browser sends its token in the
 * `authjs.session-token` cookie). Chosen from the data: heavy users (the people with the most open work, a
 * partner receiver administrator who is a guest of many workspaces, the owner of the largest workspace) and
 * typical users (spread over the middle half of people by number of cases they take part in).
 */
import { randomUUID } from "node:crypto";
import type pg from "pg";

export interface BenchUser {
  id: string;
  email: string;
  kind: "heavy" | "typical";
  why: string;
  token: string;
  /** Cases this person may open (for the case page). */
  caseIds: string[];
  /** Cases visible in their case list (workspace member: all of the workspace; guest: their own). */
  visibleCases: number;
  openParticipations: number;
  /** Workspaces they belong to (any role). */
  workspaceIds: string[];
  /** Workspaces where they are an owner or member (not a guest). */
  memberWorkspaceIds: string[];
}

const SESSION_PREFIX = "bench-";

export async function createBenchUsers(client: pg.ClientBase, typicalCount = 16): Promise<BenchUser[]> {
  await client.query(`DELETE FROM "Session" WHERE "sessionToken" LIKE '${SESSION_PREFIX}%'`);
  const picked = new Map<string, { kind: BenchUser["kind"]; why: string }>();
  const add = (id: string | undefined, kind: BenchUser["kind"], why: string) => {
    if (id && !picked.has(id)) picked.set(id, { kind, why });
  };

  const byOpenWork = await client.query<{ id: string; n: string }>(
    `SELECT p."userId" AS id, count(*) AS n FROM "Participant" p JOIN "Case" c ON c.id = p."caseId" AND c.status = 'OPEN'
      GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 2`,
  );
  for (const row of byOpenWork.rows) add(row.id, "heavy", `takes part in ${row.n} open cases (most of anyone)`);
  const guests = await client.query<{ id: string; n: string; cases: string }>(
    `SELECT m."userId" AS id, count(*) AS n, (SELECT count(*) FROM "Participant" p WHERE p."userId" = m."userId") AS cases
       FROM "Membership" m WHERE m.role = 'GUEST' GROUP BY 1 ORDER BY 2 DESC, 3 DESC, 1 LIMIT 5`,
  );
  const guest = guests.rows.find((row) => !picked.has(row.id));
  if (guest) add(guest.id, "heavy", `guest (receiver administrator) in ${guest.n} workspaces, on ${guest.cases} cases`);
  const owner = await client.query<{ id: string; n: string }>(
    `SELECT m."userId" AS id, (SELECT count(*) FROM "Case" c WHERE c."workspaceId" = m."workspaceId") AS n
       FROM "Membership" m WHERE m.role = 'OWNER' ORDER BY 2 DESC, 1 LIMIT 1`,
  );
  if (owner.rows[0]) add(owner.rows[0].id, "heavy", `owner of the largest workspace (${owner.rows[0].n} cases)`);

  const everyone = await client.query<{ id: string; n: string }>(
    `SELECT p."userId" AS id, count(*) AS n FROM "Participant" p GROUP BY 1 ORDER BY 2, 1`,
  );
  const people = everyone.rows.filter((row) => !picked.has(row.id));
  for (let i = 0; i < typicalCount && people.length > 0; i++) {
    const quantile = 0.25 + (0.5 * i) / Math.max(1, typicalCount - 1);
    const row = people[Math.min(people.length - 1, Math.floor(quantile * people.length))]!;
    add(row.id, "typical", `takes part in ${row.n} cases (${Math.round(quantile * 100)}th percentile)`);
  }

  const users: BenchUser[] = [];
  const expires = new Date(Date.now() + 30 * 86_400_000);
  for (const [id, { kind, why }] of picked) {
    const token = `${SESSION_PREFIX}${randomUUID()}`;
    await client.query(
      `INSERT INTO "Session" ("sessionToken", "userId", expires, "createdAt", "updatedAt") VALUES ($1, $2, $3, now(), now())`,
      [token, id, expires],
    );
    const email = (await client.query<{ email: string }>(`SELECT email FROM "User" WHERE id = $1`, [id])).rows[0]!
      .email;
    // Cases to open: the ones they work on (newest first, a mix of stages), else any of their workspaces.
    const own = await client.query<{ id: string }>(
      `SELECT c.id FROM "Case" c WHERE c.id IN (SELECT "caseId" FROM "Participant" WHERE "userId" = $1) ORDER BY md5(c.id) LIMIT 12`,
      [id],
    );
    const caseIds = own.rows.map((row) => row.id);
    if (caseIds.length === 0) {
      const any = await client.query<{ id: string }>(
        `SELECT c.id FROM "Case" c JOIN "Membership" m ON m."workspaceId" = c."workspaceId" AND m."userId" = $1 AND m.role <> 'GUEST' ORDER BY md5(c.id) LIMIT 12`,
        [id],
      );
      caseIds.push(...any.rows.map((row) => row.id));
    }
    const visible = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM "Case" c JOIN "Membership" m ON m."workspaceId" = c."workspaceId" AND m."userId" = $1
        WHERE m.role <> 'GUEST' OR EXISTS (SELECT 1 FROM "Participant" p WHERE p."caseId" = c.id AND p."userId" = $1)`,
      [id],
    );
    const open = await client.query<{ n: string }>(
      `SELECT count(DISTINCT p."caseId") AS n FROM "Participant" p JOIN "Case" c ON c.id = p."caseId" AND c.status = 'OPEN' WHERE p."userId" = $1`,
      [id],
    );
    const workspaces = await client.query<{ id: string; role: string }>(
      `SELECT "workspaceId" AS id, role::text AS role FROM "Membership" WHERE "userId" = $1 ORDER BY "createdAt", "workspaceId"`,
      [id],
    );
    users.push({
      id,
      email,
      kind,
      why,
      token,
      caseIds,
      visibleCases: Number(visible.rows[0]!.n),
      openParticipations: Number(open.rows[0]!.n),
      workspaceIds: workspaces.rows.map((row) => row.id),
      memberWorkspaceIds: workspaces.rows.filter((row) => row.role !== "GUEST").map((row) => row.id),
    });
  }
  return users;
}

export async function removeBenchSessions(client: pg.ClientBase): Promise<void> {
  await client.query(`DELETE FROM "Session" WHERE "sessionToken" LIKE '${SESSION_PREFIX}%'`);
}

export function sessionCookie(user: BenchUser): string {
  return `authjs.session-token=${user.token}`;
}
