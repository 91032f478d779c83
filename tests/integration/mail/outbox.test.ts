import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { deliverDueMail, mailWorkerIdle } from "@/lib/mail/store/delivery";
import { makeCase } from "../factories";

describe("the mail outbox", () => {
  it("delivers what a transition queued, once, even with two workers racing", async () => {
    const { caseId, tenantAdmin } = await makeCase();
    const queued = await db().outgoingMail.findMany({
      where: { caseId },
      select: { messageId: true, toAddress: true },
    });
    // added-to-case for three people and "step 1 is yours" for the tenant administrator
    expect(queued).toHaveLength(4);
    // The pass the transition kicked off after commit races with three more workers; rows they skip (locked) are the others'.
    await Promise.all([deliverDueMail(), deliverDueMail(), deliverDueMail(), mailWorkerIdle()]);
    // Other tests may have left due mail in the shared database: drain it all, then look at this case's.
    while ((await deliverDueMail()) > 0);
    const sent = await db().outgoingMail.findMany({ where: { caseId }, select: { status: true, attempts: true } });
    expect(sent).toEqual(queued.map(() => ({ status: "SENT", attempts: 1 })));
    const received = await db().mailboxMessage.findMany({
      where: { messageId: { in: queued.map((mail) => mail.messageId) } },
    });
    expect(received).toHaveLength(4);
    const turn = received.find(
      (message) => message.toAddress === tenantAdmin.email && message.subject.includes("step 1 is yours"),
    );
    expect(turn?.text).toContain(`/cases/${caseId}`);
    expect(turn?.html).not.toMatch(/<img|<script/i);
    expect(turn?.text).toContain("You receive this because you take part in the case");
  });
});
