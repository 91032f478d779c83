import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { confirmByActionLink, inspectActionLink } from "@/lib/workflow/store/action-link";
import { sendDueReminders } from "@/lib/workflow/store/reminders";
import { hashActionToken } from "@/lib/mail/store/action-links";
import { footprint, makeCase, stepInputs, refusalCode, uploadNewCertificates } from "../factories";

const client = { ip: "203.0.113.7", userAgent: "Test Mail Client/1.0" };

/** The receiver administrator's action link for step 3, read from the queued "your turn" message. */
async function linkFor(caseId: string, email: string, stepNumber: number): Promise<string> {
  const mails = await db().outgoingMail.findMany({
    where: { caseId, toAddress: email, text: { contains: `Step ${stepNumber} of` } },
    orderBy: { createdAt: "desc" },
  });
  const token = /\/a\/([A-Za-z0-9_-]{43})/.exec(mails[0]?.text ?? "")?.[1];
  if (!token) throw new Error(`no action link for step ${stepNumber} to ${email}`);
  return token;
}

async function atStep3() {
  const made = await makeCase();
  await uploadNewCertificates(made.caseId, made.tenantAdmin.id);
  return { ...made, token: await linkFor(made.caseId, made.receiverAdmin.email, 3) };
}

describe("action links", () => {
  it("stores only the hash of a 256-bit token, bound to one step and one participant", async () => {
    const { token, receiverAdmin, caseId } = await atStep3();
    expect(token).toHaveLength(43);
    expect(await db().actionToken.count({ where: { tokenHash: token } })).toBe(0);
    const row = await db().actionToken.findUniqueOrThrow({
      where: { tokenHash: hashActionToken(token) },
      include: { step: true },
    });
    expect(row).toMatchObject({ userId: receiverAdmin.id, role: "RECEIVER_ADMIN", usedAt: null, voidedAt: null });
    expect(row.step).toMatchObject({ caseId, number: 3 });
    const days = (row.expiresAt.getTime() - row.createdAt.getTime()) / 86_400_000;
    expect(days).toBeCloseTo(7, 1);
  });

  it("shows the step on GET without changing anything", async () => {
    const { token, caseId } = await atStep3();
    const before = await footprint(caseId);
    const seen = await inspectActionLink(token);
    expect(seen).toMatchObject({ state: "valid", stepNumber: 3, role: "RECEIVER_ADMIN" });
    await inspectActionLink(token);
    expect(await footprint(caseId)).toEqual(before);
  });

  it("confirms once through the same transition, recorded with channel, participant, IP and user agent", async () => {
    const { token, caseId, receiverAdmin } = await atStep3();
    const plan = await confirmByActionLink(token, client);
    expect(plan).toMatchObject({ completed: 3, handedOver: [4], nowReady: 5 });
    const step = await db().step.findUniqueOrThrow({ where: { caseId_number: { caseId, number: 3 } } });
    expect(step).toMatchObject({ status: "DONE", channel: "EMAIL_LINK", completedById: receiverAdmin.id });
    const tasks = await db().checklistItem.findMany({ where: { caseId } });
    expect(tasks.length).toBeGreaterThan(0);
    expect(tasks.every((task) => task.doneAt && task.doneById === receiverAdmin.id && task.performedBy === null)).toBe(
      true,
    );
    const event = await db().auditEvent.findFirstOrThrow({ where: { caseId, kind: "step.completed", stepNumber: 3 } });
    expect(event).toMatchObject({
      channel: "EMAIL_LINK",
      actorId: receiverAdmin.id,
      data: { ip: client.ip, userAgent: client.userAgent },
    });

    const after = await footprint(caseId);
    expect(await refusalCode(confirmByActionLink(token, client))).toBe("LINK_USED");
    expect((await inspectActionLink(token)).state).toBe("LINK_USED");
    expect(await footprint(caseId)).toEqual(after);
  });

  it("is void once the step was done on the web", async () => {
    const { token, caseId, receiverAdmin } = await atStep3();
    await stepInputs.receiverTasks(caseId, receiverAdmin.id);
    const after = await footprint(caseId);
    expect((await inspectActionLink(token)).state).toBe("LINK_SUPERSEDED");
    expect(await refusalCode(confirmByActionLink(token, client))).toBe("LINK_SUPERSEDED");
    expect(await footprint(caseId)).toEqual(after);
  });

  it("refuses expired, unknown and tampered tokens, and writes nothing", async () => {
    const { token, caseId } = await atStep3();
    const before = await footprint(caseId);
    const tampered = `${token.slice(0, 42)}${token.endsWith("A") ? "B" : "A"}`;
    expect(await refusalCode(confirmByActionLink(tampered, client))).toBe("LINK_UNKNOWN");
    expect(await refusalCode(confirmByActionLink("short", client))).toBe("LINK_UNKNOWN");
    expect((await inspectActionLink("../../etc/passwd")).state).toBe("LINK_UNKNOWN");

    vi.useFakeTimers({ now: Date.now() + 8 * 86_400_000, toFake: ["Date"] });
    try {
      expect((await inspectActionLink(token)).state).toBe("LINK_EXPIRED");
      expect(await refusalCode(confirmByActionLink(token, client))).toBe("LINK_EXPIRED");
    } finally {
      vi.useRealTimers();
    }
    expect(await footprint(caseId)).toEqual(before);
  });

  it("is superseded by the link in a reminder", async () => {
    const { token, caseId, receiverAdmin } = await atStep3();
    await sendDueReminders(new Date(Date.now() + 49 * 3_600_000));
    const fresh = await linkFor(caseId, receiverAdmin.email, 3);
    expect(fresh).not.toBe(token);
    expect((await inspectActionLink(token)).state).toBe("LINK_SUPERSEDED");
    expect((await confirmByActionLink(fresh, client)).completed).toBe(3);
  });

  it("no longer works for a participant who lost the role", async () => {
    const { token, caseId, receiverAdmin } = await atStep3();
    await db().participant.deleteMany({ where: { caseId, userId: receiverAdmin.id } });
    const before = await footprint(caseId);
    expect(await refusalCode(confirmByActionLink(token, client))).toBe("NOT_YOUR_ROLE");
    expect((await inspectActionLink(token)).state).toBe("valid"); // the claim was rolled back with the refusal
    expect(await footprint(caseId)).toEqual(before);
  });

  it("is issued for a step without input, and not for a step that needs its form", async () => {
    const { caseId, tenantAdmin, receiverAdmin } = await makeCase();
    // Step 1 takes the certificate upload: its mail leads to the case page, with no confirmation link and no token.
    const first = await db().outgoingMail.findFirstOrThrow({
      where: { caseId, toAddress: tenantAdmin.email, subject: { contains: "step 1 is yours" } },
    });
    expect(first.text).not.toMatch(/\/a\//);
    expect(first.text).toContain(`/cases/${caseId}`);
    expect(await db().actionToken.count({ where: { step: { caseId, number: 1 } } })).toBe(0);
    // Step 3 (receiver tasks, confirmable in one click): its mail carries a link, backed by one token for its holder.
    await uploadNewCertificates(caseId, tenantAdmin.id);
    const third = await db().outgoingMail.findFirstOrThrow({
      where: { caseId, toAddress: receiverAdmin.email, subject: { contains: "step 3 is yours" } },
    });
    expect(third.text).toMatch(/\/a\/[A-Za-z0-9_-]{43}\b/);
    expect(
      await db().actionToken.findMany({ where: { step: { caseId, number: 3 } }, select: { userId: true, role: true } }),
    ).toEqual([{ userId: receiverAdmin.id, role: "RECEIVER_ADMIN" }]);
  });
});
