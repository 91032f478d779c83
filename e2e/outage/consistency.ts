import pg from "pg";
import type { CaughtMail } from "../../tests/support/smtp-catcher";

/**
 * What a half-written transition would leave behind, read straight from the database: a done step without exactly
 * one audit event, two ready steps, a grid cell without its audit event (or the reverse), a grid step done with open
 * cells or open with none left, and mail that was never delivered. Mail delivered more than once (same Message-ID)
 * is counted apart: over SMTP, delivery is at least once.
 */
export async function checkConsistency(
  databaseUrl: string,
  caseIds: string[],
  received: CaughtMail[],
  cellsPerCase: number,
) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const rows = async (sql: string) => (await client.query(sql, [caseIds])).rows as Record<string, unknown>[];
  const describe = (prefix: string, found: Record<string, unknown>[]) =>
    found.map((row) => `${prefix}: ${JSON.stringify(row)}`);
  try {
    const problems = [
      ...describe(
        "done step without exactly one audit event",
        await rows(`
        SELECT s."caseId", s.number, (SELECT count(*)::int FROM "AuditEvent" e WHERE e."caseId" = s."caseId" AND e."stepNumber" = s.number
          AND e.kind IN ('step.completed', 'step.handed_over')) AS events
        FROM "Step" s WHERE s."caseId" = ANY($1) AND s.status = 'DONE'`).then((found) =>
          found.filter((row) => row.events !== 1),
        ),
      ),
      ...describe(
        "more than one ready step",
        await rows(`
        SELECT "caseId", count(*)::int AS ready FROM "Step" WHERE "caseId" = ANY($1) AND status = 'READY' GROUP BY 1 HAVING count(*) > 1`),
      ),
      ...describe(
        "grid cell without exactly one audit event",
        await rows(`
        SELECT c."caseId", c.flow, c.node, count(e.id)::int AS events FROM "FlowNodeConfirmation" c
        LEFT JOIN "AuditEvent" e ON e."caseId" = c."caseId" AND e.kind = 'grid.confirmed' AND e."stepNumber" = c."stepNumber"
          AND e.data->>'flow' = c.flow AND e.data->>'node' = c.node
        WHERE c."caseId" = ANY($1) GROUP BY 1, 2, 3 HAVING count(e.id) <> 1`),
      ),
      ...describe(
        "grid audit event without its cell",
        await rows(`
        SELECT e."caseId", e.data->>'flow' AS flow, e.data->>'node' AS node FROM "AuditEvent" e
        WHERE e."caseId" = ANY($1) AND e.kind = 'grid.confirmed' AND NOT EXISTS (SELECT 1 FROM "FlowNodeConfirmation" c
          WHERE c."caseId" = e."caseId" AND c."stepNumber" = e."stepNumber" AND c.flow = e.data->>'flow' AND c.node = e.data->>'node')`),
      ),
      ...describe(
        "grid step status does not match its cells",
        await rows(`
        SELECT s."caseId", s.status, (SELECT count(*)::int FROM "FlowNodeConfirmation" c WHERE c."caseId" = s."caseId" AND c."stepNumber" = 7) AS cells
        FROM "Step" s WHERE s."caseId" = ANY($1) AND s.number = 7`).then((found) =>
          found.filter((row) => (row.status === "DONE") !== (row.cells === cellsPerCase)),
        ),
      ),
      ...describe(
        "mail not delivered",
        await rows(`
        SELECT "messageId", status, attempts, "lastError" FROM "OutgoingMail" WHERE "caseId" = ANY($1) AND status <> 'SENT'`),
      ),
    ];
    const sent = await rows(`SELECT "messageId" FROM "OutgoingMail" WHERE "caseId" = ANY($1)`);
    let resent = 0;
    for (const { messageId } of sent) {
      const copies = received.filter((mail) => mail.messageId === messageId).length;
      if (copies === 0) problems.push(`mail marked sent but never received: ${String(messageId)}`);
      resent += Math.max(0, copies - 1);
    }
    return { problems, mails: sent.length, resent };
  } finally {
    await client.end();
  }
}
