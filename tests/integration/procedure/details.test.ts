import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { confirmKeystoreAlias } from "@/lib/workflow/store/inputs/keystore-alias";
import { addNodesAndFlows, confirmGridCells } from "@/lib/workflow/store/inputs/flow-grid";
import { addChecklistItem, tickChecklistItem } from "@/lib/workflow/store/inputs/receiver-checklist";
import { recordOldRootDecision } from "@/lib/workflow/store/inputs/old-root";
import { otherUsesOfOldRoot } from "@/lib/workflow/queries/old-root-uses";
import {
  acceptWindow,
  alertOverdueWindows,
  proposeWindows,
  startStopEarly,
} from "@/lib/workflow/store/inputs/downtime";
import { cancelCase } from "@/lib/workflow/store/cancel-case";
import { storeUpload } from "@/lib/certificates/store/uploads";
import { readOldCertificates } from "@/lib/certificates/old-certificates";
import { makeCurrentChain, part } from "../../support/certificates";
import { startWorker } from "../../support/worker-process";
import { footprint, makeCase, stepInputs, refusalCode, uploadNewCertificates } from "../factories";

async function atStep(variant: "A" | "B", step: number) {
  const made = await makeCase({ variant });
  await uploadNewCertificates(made.caseId, made.tenantAdmin.id);
  if (variant === "A") {
    if (step >= 5) await stepInputs.receiverTasks(made.caseId, made.receiverAdmin.id);
    if (step >= 7) await confirmKeystoreAlias(made.tenantAdmin.id, made.caseId, 5, "client_cert");
    if (step >= 9) await stepInputs.allCells(made.caseId, made.developer.id, 7);
  }
  return made;
}

describe("the keystore alias", () => {
  it("refuses another alias with an explanation and writes nothing", async () => {
    const { caseId, tenantAdmin } = await atStep("A", 5);
    const before = await footprint(caseId);
    const refusal = await confirmKeystoreAlias(tenantAdmin.id, caseId, 5, "client_cert_2027").catch(
      (error: AppError) => error,
    );
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).message).toContain('existing alias "client_cert", not "client_cert_2027"');
    expect(await footprint(caseId)).toEqual(before);
    await confirmKeystoreAlias(tenantAdmin.id, caseId, 5, "Client_Cert");
    const step = await db().step.findUniqueOrThrow({ where: { caseId_number: { caseId, number: 5 } } });
    expect(step).toMatchObject({ status: "DONE", details: { alias: "Client_Cert" } });
  });
});

describe("every runtime node", () => {
  it("completes the restart only when every flow is confirmed on every node, each cell recorded", async () => {
    const { caseId, developer, tenantAdmin } = await atStep("A", 7);
    await addNodesAndFlows(tenantAdmin.id, caseId, ["node-2"], ["Flow 2"]);
    const first = await confirmGridCells(developer.id, caseId, 7, [
      { flow: "Flow 1", node: "node-1" },
      { flow: "Flow 1", node: "node-2" },
      { flow: "Flow 2", node: "node-1" },
    ]);
    expect(first).toEqual({ confirmed: 3, remaining: 1, completed: false });
    expect((await db().step.findUniqueOrThrow({ where: { caseId_number: { caseId, number: 7 } } })).status).toBe(
      "READY",
    );
    expect(await refusalCode(confirmGridCells(developer.id, caseId, 7, [{ flow: "Flow 9", node: "node-1" }]))).toBe(
      "VALIDATION_FAILED",
    );
    const last = await confirmGridCells(developer.id, caseId, 7, [{ flow: "Flow 2", node: "node-2" }]);
    expect(last).toEqual({ confirmed: 1, remaining: 0, completed: true });
    expect(
      await db().flowNodeConfirmation.count({ where: { caseId, stepNumber: 7, confirmedById: developer.id } }),
    ).toBe(4);
    expect(await db().auditEvent.count({ where: { caseId, kind: "grid.confirmed" } })).toBe(4);
    expect(await db().auditEvent.count({ where: { caseId, kind: "case.changed" } })).toBe(1);
  });

  it("keeps the clean-up blocked while a node added later has not been restarted", async () => {
    const { caseId, developer, tenantAdmin, receiverAdmin } = await atStep("A", 9);
    await addNodesAndFlows(tenantAdmin.id, caseId, ["node-late"], []);
    const decision = { oldRoot: "removed" as const, reason: "Not used elsewhere", oldClientCertificateRemoved: true };
    const blocked = await recordOldRootDecision(receiverAdmin.id, caseId, 9, decision).catch(
      (error: AppError) => error,
    );
    expect((blocked as AppError).code).toBe("STEP_NOT_READY");
    expect((blocked as AppError).message).toContain("Flow 1 on node-late");
    await confirmGridCells(developer.id, caseId, 7, [{ flow: "Flow 1", node: "node-late" }]);
    await recordOldRootDecision(receiverAdmin.id, caseId, 9, decision);
    expect((await db().case.findUniqueOrThrow({ where: { id: caseId } })).status).toBe("COMPLETED");
  });

  it("refuses the grid to anyone but the integration developer", async () => {
    const { caseId, tenantAdmin } = await atStep("A", 7);
    expect(await refusalCode(confirmGridCells(tenantAdmin.id, caseId, 7, [{ flow: "Flow 1", node: "node-1" }]))).toBe(
      "NOT_YOUR_ROLE",
    );
  });
});

describe("receiver checklists", () => {
  it("follows the SAP Web Dispatcher example and records the third party that did a task", async () => {
    const made = await makeCase();
    await db().checklistItem.deleteMany({ where: { caseId: made.caseId } });
    const items = ["Trust the new CA in SAP Web Dispatcher", "Add the new CA to the Web Dispatcher farm"];
    await db().checklistItem.createMany({
      data: items.map((label, position) => ({
        caseId: made.caseId,
        stepNumber: 3,
        position,
        label,
        thirdParty: position === 1 ? "SAP IT" : null,
      })),
    });
    await uploadNewCertificates(made.caseId, made.tenantAdmin.id);
    const [own, farm] = await db().checklistItem.findMany({
      where: { caseId: made.caseId },
      orderBy: { position: "asc" },
    });
    expect((await tickChecklistItem(made.receiverAdmin.id, made.caseId, farm!.id, "SAP IT")).completed).toBe(false);
    expect(await refusalCode(tickChecklistItem(made.receiverAdmin.id, made.caseId, farm!.id, "SAP IT"))).toBe(
      "CONFLICT",
    );
    await addChecklistItem(made.receiverAdmin.id, made.caseId, "Tell the monitoring team");
    expect((await tickChecklistItem(made.receiverAdmin.id, made.caseId, own!.id, null)).completed).toBe(false);
    const added = await db().checklistItem.findFirstOrThrow({
      where: { caseId: made.caseId, label: "Tell the monitoring team" },
    });
    expect((await tickChecklistItem(made.receiverAdmin.id, made.caseId, added.id, null)).completed).toBe(true);
    const done = await db().checklistItem.findUniqueOrThrow({ where: { id: farm!.id } });
    expect(done).toMatchObject({ performedBy: "SAP IT", doneById: made.receiverAdmin.id });
  });
});

describe("removing the old root safely", () => {
  it("lists the other cases of the workspace that still use the old root", async () => {
    const first = await makeCase();
    const oldChain = await makeCurrentChain("Shared old");
    const old = readOldCertificates([], [part(oldChain.root.pem)]);
    if (!old.ok) throw new Error("old root unreadable");
    await db().$transaction((tx) =>
      storeUpload(tx, {
        caseId: first.caseId,
        set: "OLD",
        uploadedById: first.owner.id,
        certificates: old.certificates,
      }),
    );
    const second = await db().case.create({
      data: {
        workspaceId: first.workspaceId,
        title: "Other interface",
        receiverSystem: "R",
        procedure: "TENANT_CLIENT_NEW_CA_BOTH",
        operatingModel: "CUSTOMER_MANAGED",
        keystoreAlias: "x",
        runtimeNodes: ["n"],
        integrationFlows: ["f"],
        createdById: first.owner.id,
      },
    });
    await db().$transaction((tx) =>
      storeUpload(tx, { caseId: second.id, set: "OLD", uploadedById: first.owner.id, certificates: old.certificates }),
    );
    const uses = await otherUsesOfOldRoot(first.caseId);
    expect(uses.oldRoot?.subject).toContain("Shared old Root CA");
    expect(uses.uses).toEqual([{ caseId: second.id, title: "Other interface", status: "OPEN", role: "old-root" }]);
  });
});

describe("the downtime window", () => {
  const inAnHour = () => new Date(Date.now() + 3_600_000);

  it("is proposed by one side, countered, accepted by the other and sent as a calendar invitation", async () => {
    const { caseId, tenantAdmin, receiverAdmin, developer } = await makeCase({ variant: "B" });
    await uploadNewCertificates(caseId, tenantAdmin.id);
    const first = inAnHour();
    await proposeWindows(tenantAdmin.id, caseId, [{ start: first, end: new Date(first.getTime() + 3_600_000) }]);
    const own = await db().downtimeProposal.findFirstOrThrow({ where: { caseId } });
    expect(await refusalCode(acceptWindow(tenantAdmin.id, caseId, own.id))).toBe("NOT_YOUR_ROLE");
    expect(
      await refusalCode(
        proposeWindows(developer.id, caseId, [{ start: first, end: new Date(first.getTime() + 3_600_000) }]),
      ),
    ).toBe("NOT_YOUR_ROLE");
    expect(
      await refusalCode(proposeWindows(receiverAdmin.id, caseId, [{ start: new Date(Date.now() - 1000), end: first }])),
    ).toBe("VALIDATION_FAILED");

    const later = new Date(first.getTime() + 86_400_000);
    await proposeWindows(receiverAdmin.id, caseId, [{ start: later, end: new Date(later.getTime() + 1_800_000) }]);
    expect((await db().downtimeProposal.findUniqueOrThrow({ where: { id: own.id } })).status).toBe("DECLINED");
    const counter = await db().downtimeProposal.findFirstOrThrow({ where: { caseId, status: "OPEN" } });
    await acceptWindow(tenantAdmin.id, caseId, counter.id);

    const found = await db().case.findUniqueOrThrow({ where: { id: caseId } });
    expect(found.windowStart?.toISOString()).toBe(later.toISOString());
    const step2 = await db().step.findUniqueOrThrow({ where: { caseId_number: { caseId, number: 2 } } });
    expect(step2).toMatchObject({ status: "DONE", completedById: tenantAdmin.id });
    const invitations = await db().outgoingMail.findMany({
      where: { caseId, subject: { contains: "downtime window agreed" } },
    });
    expect(invitations.map((mail) => mail.toAddress).sort()).toEqual(
      [developer.email, receiverAdmin.email, tenantAdmin.email].sort(),
    );
    const ics = (invitations[0]!.attachments as { content: string }[])[0]!.content;
    expect(ics).toContain("METHOD:REQUEST");
    expect(ics).toContain(`UID:downtime-${caseId}@renewal-desk`);
    expect(ics).toContain("SEQUENCE:0");

    // Moving the window before it starts sends an update; cancelling the case withdraws it.
    await proposeWindows(tenantAdmin.id, caseId, [{ start: first, end: new Date(first.getTime() + 3_600_000) }]);
    await acceptWindow(
      receiverAdmin.id,
      caseId,
      (await db().downtimeProposal.findFirstOrThrow({ where: { caseId, status: "OPEN" } })).id,
    );
    const moved = await db().outgoingMail.findFirstOrThrow({
      where: { caseId, subject: { contains: "downtime window moved" } },
    });
    expect((moved.attachments as { content: string }[])[0]!.content).toContain("SEQUENCE:1");
    const { owner } = await db()
      .case.findUniqueOrThrow({ where: { id: caseId }, select: { createdBy: true } })
      .then((c) => ({ owner: { id: c.createdBy.id, email: c.createdBy.email, name: c.createdBy.name } }));
    await cancelCase(owner, caseId, "Postponed");
    const cancelled = await db().outgoingMail.findFirstOrThrow({
      where: { caseId, subject: { contains: "downtime window cancelled" } },
    });
    expect((cancelled.attachments as { content: string }[])[0]!.content).toContain("METHOD:CANCEL");
  });

  it("asks for an explicit confirmation before the flows stop ahead of the window", async () => {
    const { caseId, tenantAdmin, receiverAdmin } = await makeCase({ variant: "B" });
    await uploadNewCertificates(caseId, tenantAdmin.id);
    await stepInputs.window(caseId, tenantAdmin.id, receiverAdmin.id, inAnHour());
    expect(await refusalCode(startStopEarly(tenantAdmin.id, caseId, false))).toBe("VALIDATION_FAILED");
    expect((await db().step.findUniqueOrThrow({ where: { caseId_number: { caseId, number: 3 } } })).status).toBe(
      "READY",
    );
    await startStopEarly(tenantAdmin.id, caseId, true);
    const step3 = await db().step.findUniqueOrThrow({ where: { caseId_number: { caseId, number: 3 } } });
    expect(step3).toMatchObject({ status: "DONE", channel: "WEB", completedById: tenantAdmin.id });
    expect((await db().step.findUniqueOrThrow({ where: { caseId_number: { caseId, number: 4 } } })).status).toBe(
      "READY",
    );
  });

  it("alerts the participants and owners once when the window ends with steps open", async () => {
    const { caseId, tenantAdmin, receiverAdmin, owner } = await makeCase({ variant: "B" });
    await uploadNewCertificates(caseId, tenantAdmin.id);
    const start = inAnHour();
    await stepInputs.window(caseId, tenantAdmin.id, receiverAdmin.id, start, 30);
    const afterEnd = new Date(start.getTime() + 31 * 60_000);
    await alertOverdueWindows(afterEnd);
    await alertOverdueWindows(afterEnd);
    const alerts = await db().outgoingMail.findMany({
      where: { caseId, subject: { contains: "window has ended with steps still open" } },
    });
    expect(alerts.map((mail) => mail.toAddress)).toContain(owner.email);
    expect(alerts).toHaveLength(4);
  });

  it.runIf(!!process.env.DATABASE_URL)(
    "starts on time even when the process that scheduled it is gone (a separate worker picks it up)",
    async () => {
      const { caseId, tenantAdmin, receiverAdmin } = await makeCase({ variant: "B" });
      await uploadNewCertificates(caseId, tenantAdmin.id);
      await stepInputs.window(caseId, tenantAdmin.id, receiverAdmin.id, inAnHour(), 10);
      // The hour passes: the window's start is moved into the past rather than waited for.
      await db().case.update({ where: { id: caseId }, data: { windowStart: new Date(Date.now() - 1000) } });
      const worker = startWorker({ DEV_MAILBOX: "1", SCHEDULE_POLL_MS: "300" });
      try {
        let status = "READY";
        for (let tries = 0; tries < 80 && status !== "DONE"; tries += 1) {
          await new Promise((resolve) => setTimeout(resolve, 250));
          status = (await db().step.findUniqueOrThrow({ where: { caseId_number: { caseId, number: 3 } } })).status;
        }
        expect(status).toBe("DONE");
        const event = await db().auditEvent.findFirstOrThrow({ where: { caseId, kind: "window.started" } });
        expect(event.channel).toBe("SYSTEM");
      } finally {
        await worker.stop();
      }
    },
  );
});
