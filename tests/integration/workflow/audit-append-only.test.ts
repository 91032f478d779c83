import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { mailWorkerIdle } from "@/lib/mail/store/delivery";
import { makeCase } from "../factories";

describe("the audit trail", () => {
  it("cannot be changed or deleted, even with direct SQL", async () => {
    const { caseId } = await makeCase();
    await mailWorkerIdle(); // delivery records "mail.sent" events of its own
    // Mail delivery may add its own events meanwhile; the case's other events must stay exactly as they were.
    const ownEvents = { caseId, kind: { not: { startsWith: "mail." } } };
    const before = await db().auditEvent.count({ where: ownEvents });
    expect(before).toBeGreaterThan(0);
    await expect(
      db().$executeRaw`UPDATE "AuditEvent" SET kind = 'tampered' WHERE "caseId" = ${caseId}`,
    ).rejects.toThrow(/append-only: UPDATE is not allowed/);
    await expect(db().$executeRaw`DELETE FROM "AuditEvent" WHERE "caseId" = ${caseId}`).rejects.toThrow(
      /append-only: DELETE is not allowed/,
    );
    await expect(db().auditEvent.deleteMany({ where: { caseId } })).rejects.toThrow(
      /append-only: DELETE is not allowed/,
    );
    await expect(db().$executeRawUnsafe('TRUNCATE "AuditEvent" CASCADE')).rejects.toThrow(
      /append-only: TRUNCATE is not allowed/,
    );
    expect(await db().auditEvent.count({ where: ownEvents })).toBe(before);
    expect(await db().auditEvent.count({ where: { caseId, kind: "tampered" } })).toBe(0);
  });
});
