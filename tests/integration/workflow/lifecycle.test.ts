import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { completeStep } from "@/lib/workflow/store/complete-step";
import { cancelCase } from "@/lib/workflow/store/cancel-case";
import { loadInbox } from "@/lib/workflow/queries/inbox";
import { makeCase, uploadNewCertificates } from "../factories";

async function stepStatuses(caseId: string) {
  const steps = await db().step.findMany({ where: { caseId }, orderBy: { number: "asc" }, select: { status: true, channel: true } });
  return steps.map((step) => `${step.status}${step.channel ? `/${step.channel}` : ""}`);
}

describe("a whole case through the services", () => {
  it("runs variant A to completion with hand-overs recorded as system steps", async () => {
    const { caseId, tenantAdmin, receiverAdmin, developer } = await makeCase({ variant: "A" });
    await uploadNewCertificates(caseId, tenantAdmin.id);
    await completeStep({ caseId, stepNumber: 3, actorId: receiverAdmin.id, channel: "WEB" });
    await completeStep({ caseId, stepNumber: 5, actorId: tenantAdmin.id, channel: "WEB" });
    await completeStep({ caseId, stepNumber: 7, actorId: developer.id, channel: "WEB", comment: "Restarted on node-1" });
    const last = await completeStep({ caseId, stepNumber: 9, actorId: receiverAdmin.id, channel: "WEB" });
    expect(last).toEqual({ completed: 9, handedOver: [], nowReady: null, caseCompleted: true });

    expect(await stepStatuses(caseId)).toEqual([
      "DONE/WEB", "DONE/SYSTEM", "DONE/WEB", "DONE/SYSTEM", "DONE/WEB", "DONE/SYSTEM", "DONE/WEB", "DONE/SYSTEM", "DONE/WEB",
    ]);
    const found = await db().case.findUniqueOrThrow({ where: { id: caseId } });
    expect(found.status).toBe("COMPLETED");
    expect(found.closedAt).not.toBeNull();

    const kinds = (await db().auditEvent.findMany({ where: { caseId, kind: { not: "mail.queued" } }, orderBy: { createdAt: "asc" } })).map(
      (event) => `${event.kind}${event.stepNumber ? `#${event.stepNumber}` : ""}`,
    );
    expect(kinds.filter((kind) => kind.startsWith("step.completed"))).toEqual([
      "step.completed#1", "step.completed#3", "step.completed#5", "step.completed#7", "step.completed#9",
    ]);
    expect(kinds.filter((kind) => kind.startsWith("step.handed_over"))).toEqual([
      "step.handed_over#2", "step.handed_over#4", "step.handed_over#6", "step.handed_over#8",
    ]);
    expect(kinds.at(-1)).toBe("case.completed");
    // every participant hears that the case is complete
    expect(await db().outgoingMail.count({ where: { caseId, subject: { endsWith: "renewal completed" } } })).toBe(3);
  });

  it("runs variant B, where steps 9 and 10 are both hand-overs", async () => {
    const { caseId, tenantAdmin, receiverAdmin, developer } = await makeCase({ variant: "B" });
    await uploadNewCertificates(caseId, tenantAdmin.id);
    for (const [number, actor] of [[2, tenantAdmin], [4, developer], [6, tenantAdmin], [8, receiverAdmin]] as const) {
      await completeStep({ caseId, stepNumber: number, actorId: actor.id, channel: "WEB" });
    }
    expect(await stepStatuses(caseId)).toEqual([
      "DONE/WEB", "DONE/WEB", "DONE/SYSTEM", "DONE/WEB", "DONE/SYSTEM", "DONE/WEB", "DONE/SYSTEM", "DONE/WEB", "DONE/SYSTEM", "DONE/SYSTEM", "READY",
    ]);
    await completeStep({ caseId, stepNumber: 11, actorId: developer.id, channel: "WEB" });
    expect((await db().case.findUniqueOrThrow({ where: { id: caseId } })).status).toBe("COMPLETED");
  });

  it("shows each person their own tasks and what they wait for", async () => {
    const { caseId, tenantAdmin, receiverAdmin, developer } = await makeCase();
    let ta = await loadInbox(tenantAdmin.id);
    expect(ta.tasks.filter((task) => task.caseId === caseId).map((task) => task.stepNumber)).toEqual([1]);
    expect(ta.countsByRole.TENANT_ADMIN).toBeGreaterThanOrEqual(1);
    const ra = await loadInbox(receiverAdmin.id);
    expect(ra.tasks).toEqual([]);
    expect(ra.waiting.map((item) => [item.caseId, item.stepNumber, item.waitingOn])).toEqual([[caseId, 1, [tenantAdmin.name]]]);

    await uploadNewCertificates(caseId, tenantAdmin.id);
    ta = await loadInbox(tenantAdmin.id);
    expect(ta.tasks.some((task) => task.caseId === caseId)).toBe(false);
    expect(ta.waiting.find((item) => item.caseId === caseId)?.stepNumber).toBe(3);
    expect(ta.recentlyDone.filter((item) => item.caseId === caseId).map((item) => item.stepNumber)).toEqual(expect.arrayContaining([1, 2]));
    expect((await loadInbox(receiverAdmin.id)).tasks.map((task) => task.stepNumber)).toEqual([3]);
    expect((await loadInbox(developer.id)).tasks).toEqual([]);
  });

  it("cancels a case: open steps closed, reason recorded, everyone told", async () => {
    const { caseId, owner } = await makeCase();
    await cancelCase(owner, caseId, "Receiver replaced by a new system");
    expect(await stepStatuses(caseId)).toEqual(Array(9).fill("CANCELLED"));
    const event = await db().auditEvent.findFirstOrThrow({ where: { caseId, kind: "case.cancelled" } });
    expect(event).toMatchObject({ actorId: owner.id, data: { reason: "Receiver replaced by a new system" } });
    expect(await db().outgoingMail.count({ where: { caseId, subject: { endsWith: "renewal cancelled" } } })).toBe(3);
  });
});
