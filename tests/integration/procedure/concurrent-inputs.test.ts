import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { addNodesAndFlows, confirmGridCells } from "@/lib/workflow/store/inputs/flow-grid";
import { confirmKeystoreAlias } from "@/lib/workflow/store/inputs/keystore-alias";
import { tickChecklistItem } from "@/lib/workflow/store/inputs/receiver-checklist";
import { makeCase, stepInputs, uploadNewCertificates } from "../factories";

const stepStatus = async (caseId: string, number: number) =>
  (await db().step.findUniqueOrThrow({ where: { caseId_number: { caseId, number } }, select: { status: true } }))
    .status;

// Two people finishing the last two parts of a step at the same moment: each transaction must see the other's
// part, or both leave one part "open" and the step never completes although everything is done.
describe("the last parts of a step, confirmed at the same moment", () => {
  it("complete the receiver's checklist step once", async () => {
    const { caseId, tenantAdmin, receiverAdmin } = await makeCase({ variant: "A" });
    await uploadNewCertificates(caseId, tenantAdmin.id);
    const items = await db().checklistItem.findMany({ where: { caseId }, orderBy: { position: "asc" } });
    expect(items.length).toBeGreaterThanOrEqual(2);
    for (const item of items.slice(0, -2)) await tickChecklistItem(receiverAdmin.id, caseId, item.id, null);

    const results = await Promise.all(
      items.slice(-2).map((item) => tickChecklistItem(receiverAdmin.id, caseId, item.id, null)),
    );
    expect(results.filter((result) => result.completed)).toHaveLength(1);
    expect(await stepStatus(caseId, 3)).toBe("DONE");
    expect(await db().auditEvent.count({ where: { caseId, kind: "step.completed", stepNumber: 3 } })).toBe(1);
  });

  it("complete the restart grid once", async () => {
    const { caseId, tenantAdmin, receiverAdmin, developer } = await makeCase({ variant: "A" });
    await uploadNewCertificates(caseId, tenantAdmin.id);
    await stepInputs.receiverTasks(caseId, receiverAdmin.id);
    await confirmKeystoreAlias(tenantAdmin.id, caseId, 5, "client_cert");
    await addNodesAndFlows(tenantAdmin.id, caseId, ["node-2", "node-3"], []);

    const results = await Promise.all(
      ["node-1", "node-2", "node-3"].map((node) =>
        confirmGridCells(developer.id, caseId, 7, [{ flow: "Flow 1", node }]),
      ),
    );
    expect(results.filter((result) => result.completed)).toHaveLength(1);
    expect(await stepStatus(caseId, 7)).toBe("DONE");
    expect(await stepStatus(caseId, 9)).toBe("READY");
    expect(await db().auditEvent.count({ where: { caseId, kind: "step.completed", stepNumber: 7 } })).toBe(1);
  });
});
