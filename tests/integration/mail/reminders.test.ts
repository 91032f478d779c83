import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { sendDueReminders } from "@/lib/workflow/store/reminders";
import { makeCase } from "../factories";

const HOUR = 3_600_000;

async function reminderMails(caseId: string) {
  return db().outgoingMail.findMany({
    where: { caseId, subject: { contains: "reminder" } },
    orderBy: { createdAt: "asc" },
    select: { toAddress: true, subject: true },
  });
}

describe("reminders", () => {
  it("reminds an idle step after 48 h, at most three times, then escalates once to the workspace owners", async () => {
    const { caseId, tenantAdmin, owner } = await makeCase();
    const start = Date.now();

    await sendDueReminders(new Date(start + 47 * HOUR));
    expect(await reminderMails(caseId)).toHaveLength(0);

    // Two schedulers at the same moment (two app instances, or a restart mid-run) remind once.
    await Promise.all([sendDueReminders(new Date(start + 49 * HOUR)), sendDueReminders(new Date(start + 49 * HOUR))]);
    expect((await reminderMails(caseId)).map((mail) => mail.subject)).toEqual([
      expect.stringContaining("reminder 1 of 3, step 1 is waiting for you"),
    ]);
    await sendDueReminders(new Date(start + 50 * HOUR)); // not yet 48 h since the last reminder
    expect(await reminderMails(caseId)).toHaveLength(1);

    await sendDueReminders(new Date(start + 98 * HOUR));
    await sendDueReminders(new Date(start + 147 * HOUR));
    expect((await reminderMails(caseId)).map((mail) => mail.toAddress)).toEqual([
      tenantAdmin.email,
      tenantAdmin.email,
      tenantAdmin.email,
    ]);

    await sendDueReminders(new Date(start + 196 * HOUR));
    await sendDueReminders(new Date(start + 400 * HOUR));
    const escalations = await db().outgoingMail.findMany({ where: { caseId, subject: { contains: "is stuck" } } });
    expect(escalations.map((mail) => mail.toAddress)).toEqual([owner.email]);
    expect(await reminderMails(caseId)).toHaveLength(3);

    const events = await db().auditEvent.findMany({
      where: { caseId, kind: { in: ["step.reminded", "step.escalated"] } },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((event) => event.kind)).toEqual([
      "step.reminded",
      "step.reminded",
      "step.reminded",
      "step.escalated",
    ]);
    const step = await db().step.findUniqueOrThrow({ where: { caseId_number: { caseId, number: 1 } } });
    expect(step.remindersSent).toBe(3);
    expect(step.escalatedAt).not.toBeNull();
  });

  it("does not remind about closed cases", async () => {
    const { caseId } = await makeCase();
    await db().case.update({ where: { id: caseId }, data: { status: "CANCELLED" } });
    await sendDueReminders(new Date(Date.now() + 100 * HOUR));
    expect(await reminderMails(caseId)).toHaveLength(0);
  });
});
