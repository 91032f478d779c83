import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { cancelCase } from "@/lib/workflow/store/cancel-case";
import { loadInbox } from "@/lib/workflow/queries/inbox";
import { confirmKeystoreAlias } from "@/lib/workflow/store/inputs/keystore-alias";
import { recordOldRootDecision } from "@/lib/workflow/store/inputs/old-root";
import { startDueWindows } from "@/lib/workflow/store/inputs/downtime";
import { makeCase, stepInputs, uploadNewCertificates } from "../factories";

async function stepStatuses(caseId: string) {
  const steps = await db().step.findMany({
    where: { caseId },
    orderBy: { number: "asc" },
    select: { status: true, channel: true },
  });
  return steps.map((step) => `${step.status}${step.channel ? `/${step.channel}` : ""}`);
}

describe("a whole case through the services", () => {
  it("runs variant A to completion with hand-overs recorded as system steps", async () => {
    const { caseId, tenantAdmin, receiverAdmin, developer } = await makeCase({ variant: "A" });
    await uploadNewCertificates(caseId, tenantAdmin.id);
    await stepInputs.receiverTasks(caseId, receiverAdmin.id);
    await confirmKeystoreAlias(tenantAdmin.id, caseId, 5, "client_cert");
    await stepInputs.allCells(caseId, developer.id, 7);
    await recordOldRootDecision(receiverAdmin.id, caseId, 9, {
      oldRoot: "kept",
      reason: "Still used by the payroll interface",
      oldClientCertificateRemoved: true,
    });

    expect(await stepStatuses(caseId)).toEqual([
      "DONE/WEB",
      "DONE/SYSTEM",
      "DONE/WEB",
      "DONE/SYSTEM",
      "DONE/WEB",
      "DONE/SYSTEM",
      "DONE/WEB",
      "DONE/SYSTEM",
      "DONE/WEB",
    ]);
    const found = await db().case.findUniqueOrThrow({ where: { id: caseId } });
    expect(found.status).toBe("COMPLETED");
    expect(found.closedAt).not.toBeNull();

    // Mail events (queued, and sent by the background delivery) interleave; the procedure's own events are checked.
    const kinds = (
      await db().auditEvent.findMany({
        where: { caseId, kind: { not: { startsWith: "mail." } } },
        orderBy: { createdAt: "asc" },
      })
    ).map((event) => `${event.kind}${event.stepNumber ? `#${event.stepNumber}` : ""}`);
    expect(kinds.filter((kind) => kind.startsWith("step.completed"))).toEqual([
      "step.completed#1",
      "step.completed#3",
      "step.completed#5",
      "step.completed#7",
      "step.completed#9",
    ]);
    expect(kinds.filter((kind) => kind.startsWith("step.handed_over"))).toEqual([
      "step.handed_over#2",
      "step.handed_over#4",
      "step.handed_over#6",
      "step.handed_over#8",
    ]);
    expect(kinds.at(-1)).toBe("case.completed");
    // every participant hears that the case is complete
    expect(
      await db().outgoingMail.count({
        where: { caseId, subject: { startsWith: "Renewal Desk: renewal completed (case “" } },
      }),
    ).toBe(3);
  });

  it("runs variant B: window agreed, stop hand-over at its start, steps 9 and 10 both hand-overs", async () => {
    const { caseId, tenantAdmin, receiverAdmin, developer } = await makeCase({ variant: "B" });
    await uploadNewCertificates(caseId, tenantAdmin.id);
    const start = new Date(Date.now() + 3_600_000);
    await stepInputs.window(caseId, tenantAdmin.id, receiverAdmin.id, start);
    expect((await stepStatuses(caseId)).slice(0, 4)).toEqual(["DONE/WEB", "DONE/WEB", "READY", "BLOCKED"]);
    // The job runs over every case; only this case's steps are looked at.
    await startDueWindows(new Date(start.getTime() - 1000));
    expect((await stepStatuses(caseId))[2]).toBe("READY");
    await startDueWindows(new Date(start.getTime() + 1000));
    expect((await stepStatuses(caseId)).slice(2, 4)).toEqual(["DONE/SYSTEM", "READY"]);
    await stepInputs.allCells(caseId, developer.id, 4);
    await confirmKeystoreAlias(tenantAdmin.id, caseId, 6, "CLIENT_CERT");
    await stepInputs.receiverTasks(caseId, receiverAdmin.id);
    await recordOldRootDecision(receiverAdmin.id, caseId, 8, {
      oldRoot: "removed",
      reason: "No other connection uses it",
    });
    expect(await stepStatuses(caseId)).toEqual([
      "DONE/WEB",
      "DONE/WEB",
      "DONE/SYSTEM",
      "DONE/WEB",
      "DONE/SYSTEM",
      "DONE/WEB",
      "DONE/SYSTEM",
      "DONE/WEB",
      "DONE/SYSTEM",
      "DONE/SYSTEM",
      "READY",
    ]);
    await stepInputs.allCells(caseId, developer.id, 11);
    expect((await db().case.findUniqueOrThrow({ where: { id: caseId } })).status).toBe("COMPLETED");
  });

  it("shows each person their own tasks and what they wait for", async () => {
    const { caseId, tenantAdmin, receiverAdmin, developer } = await makeCase();
    let ta = await loadInbox(tenantAdmin.id);
    expect(ta.tasks.filter((task) => task.caseId === caseId).map((task) => task.stepNumber)).toEqual([1]);
    expect(ta.countsByRole.TENANT_ADMIN).toBeGreaterThanOrEqual(1);
    const ra = await loadInbox(receiverAdmin.id);
    expect(ra.tasks).toEqual([]);
    expect(ra.waiting.map((item) => [item.caseId, item.stepNumber, item.waitingOn])).toEqual([
      [caseId, 1, [tenantAdmin.name]],
    ]);

    await uploadNewCertificates(caseId, tenantAdmin.id);
    ta = await loadInbox(tenantAdmin.id);
    expect(ta.tasks.some((task) => task.caseId === caseId)).toBe(false);
    expect(ta.waiting.find((item) => item.caseId === caseId)?.stepNumber).toBe(3);
    expect(ta.recentlyDone.filter((item) => item.caseId === caseId).map((item) => item.stepNumber)).toEqual(
      expect.arrayContaining([1, 2]),
    );
    expect((await loadInbox(receiverAdmin.id)).tasks.map((task) => task.stepNumber)).toEqual([3]);
    expect((await loadInbox(developer.id)).tasks).toEqual([]);
  });

  it("cancels a case: open steps closed, reason recorded, everyone told", async () => {
    const { caseId, owner } = await makeCase();
    await cancelCase(owner, caseId, "Receiver replaced by a new system");
    expect(await stepStatuses(caseId)).toEqual(Array(9).fill("CANCELLED"));
    const event = await db().auditEvent.findFirstOrThrow({ where: { caseId, kind: "case.cancelled" } });
    expect(event).toMatchObject({ actorId: owner.id, data: { reason: "Receiver replaced by a new system" } });
    expect(
      await db().outgoingMail.count({
        where: { caseId, subject: { startsWith: "Renewal Desk: renewal cancelled (case “" } },
      }),
    ).toBe(3);
  });
});
