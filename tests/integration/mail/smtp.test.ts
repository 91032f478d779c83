import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { deliverDueMail, mailWorkerIdle } from "@/lib/mail/store/delivery";
import { SmtpCatcher } from "../../support/smtp-catcher";
import { makeCase, stepInputs, uploadNewCertificates } from "../factories";

const smtp = new SmtpCatcher();

beforeAll(async () => {
  await smtp.start();
  vi.stubEnv("SMTP_URL", smtp.url);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await smtp.stop();
});

async function caseMessageIds(caseId: string) {
  return (await db().outgoingMail.findMany({ where: { caseId }, select: { messageId: true } })).map(
    (mail) => mail.messageId,
  );
}

describe("delivery over SMTP", () => {
  it("sends each queued message once, with its stable Message-ID, a text and an HTML part", async () => {
    const { caseId, tenantAdmin } = await makeCase();
    await mailWorkerIdle();
    while ((await deliverDueMail()) > 0); // drain: other tests may have left due mail too
    const ids = await caseMessageIds(caseId);
    const caught = smtp.received.filter((mail) => ids.includes(mail.messageId));
    expect(caught).toHaveLength(ids.length);
    const queued = await db().outgoingMail.findFirstOrThrow({
      where: { caseId, toAddress: tenantAdmin.email, subject: { contains: "step 1 is yours" } },
    });
    const turn = caught.find((mail) => mail.messageId === queued.messageId)!;
    expect(turn.to).toEqual([tenantAdmin.email]);
    expect(turn.raw).toMatch(/Content-Type: text\/plain/i);
    expect(turn.raw).toMatch(/Content-Type: text\/html/i);
    expect(turn.subject).toBe(queued.subject);
    // The app's words first; the title a user chose comes after them, quoted.
    const { title } = await db().case.findUniqueOrThrow({ where: { id: caseId } });
    expect(turn.subject).toMatch(/^Renewal Desk: step 1 is yours — /);
    expect(turn.subject.endsWith(`(case “${title}”)`)).toBe(true);
  });

  it("loses nothing and sends nothing twice across an SMTP outage", async () => {
    const { caseId, tenantAdmin, receiverAdmin } = await makeCase();
    await mailWorkerIdle();
    while ((await deliverDueMail()) > 0); // drain: other tests may have left due mail too
    await smtp.stop();

    // Steps go on while the mail server is down; delivery attempts fail and are retried later.
    await uploadNewCertificates(caseId, tenantAdmin.id);
    await stepInputs.receiverTasks(caseId, receiverAdmin.id);
    await mailWorkerIdle();
    await deliverDueMail();
    const waiting = await db().outgoingMail.findMany({ where: { caseId, status: "PENDING" } });
    expect(waiting.length).toBeGreaterThanOrEqual(2);
    expect(
      waiting.every((mail) => mail.attempts >= 1 && mail.lastError !== null && mail.nextAttemptAt > new Date()),
    ).toBe(true);

    await smtp.start();
    // The retries become due later: deliver as the worker would then.
    while ((await deliverDueMail(new Date(Date.now() + 3_600_000))) > 0); // drain: other tests may have left due mail too
    const ids = await caseMessageIds(caseId);
    expect(await db().outgoingMail.count({ where: { caseId, status: { not: "SENT" } } })).toBe(0);
    const caught = smtp.received.filter((mail) => ids.includes(mail.messageId)).map((mail) => mail.messageId);
    expect(caught.sort()).toEqual([...ids].sort());
    expect(new Set(caught).size).toBe(caught.length);
  });

  it("gives up after the configured attempts, marks the message failed and records it", async () => {
    vi.stubEnv("SMTP_URL", "smtp://127.0.0.1:9"); // nothing listens there
    try {
      const { caseId } = await makeCase();
      await mailWorkerIdle();
      let now = Date.now();
      for (let attempt = 0; attempt < 8; attempt += 1) {
        now += 2 * 3_600_000;
        await deliverDueMail(new Date(now));
      }
      const mails = await db().outgoingMail.findMany({ where: { caseId } });
      expect(mails.every((mail) => mail.status === "FAILED" && mail.attempts === 8)).toBe(true);
      expect(await db().auditEvent.count({ where: { caseId, kind: "mail.failed" } })).toBe(mails.length);
    } finally {
      vi.stubEnv("SMTP_URL", smtp.url);
    }
  });
});
