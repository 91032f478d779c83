import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/store/record";
import { sameCaCounterpart } from "../proposal";
import { stepTaking, workflowFor } from "../definitions";
import { authorizeInput, loadForInput } from "./inputs/context";
import { createReceiverChecklist } from "./inputs/receiver-checklist";

/**
 * The uploaded certificate shows the CA did not change: the case moves to the same-CA procedure before anything else
 * happened. Only whoever may upload the certificates may do it, and only while that first step is still open. The
 * two procedures have the same steps in the same places, so the step rows are relabelled, and the receiver's
 * checklist is written again without the tasks about a new root.
 */
export async function switchToSameCa(actorId: string, caseId: string) {
  await db().$transaction(async (tx) => {
    const found = await loadForInput(tx, caseId, actorId);
    authorizeInput(found, "certificates", "give-input");
    const target = sameCaCounterpart(found.procedure);
    if (!target)
      throw new AppError("CONFLICT", "This case's procedure has no same-CA counterpart. Nothing was changed.");
    // The switch answers a finding that compared the upload with the old certificate; without one nothing was compared.
    const old = await tx.certificateUpload.count({ where: { caseId, set: "OLD" } });
    if (old === 0)
      throw new AppError(
        "CONFLICT",
        "This case has no old certificate, so Renewal Desk cannot tell that the CA stays the same. Nothing was changed.",
      );
    if (found.steps.some((step) => step.status === "DONE"))
      throw new AppError("CONFLICT", "A step of this case is already done, so its procedure can no longer change.");
    const moved = await tx.case.updateMany({
      where: { id: caseId, procedure: found.procedure, status: "OPEN" },
      data: { procedure: target },
    });
    if (moved.count === 0) throw new AppError("CONFLICT", "The case changed meanwhile. Nothing was changed.");
    for (const step of workflowFor(target).steps) {
      await tx.step.update({
        where: { caseId_number: { caseId, number: step.number } },
        data: { key: step.key, role: step.role },
      });
    }
    const checklistStep = stepTaking(workflowFor(found.procedure), "receiver-checklist");
    if (checklistStep) await tx.checklistItem.deleteMany({ where: { caseId, stepNumber: checklistStep.number } });
    await createReceiverChecklist(tx, caseId, target, found.receiverLandscape);
    await recordAudit(tx, [
      {
        workspaceId: found.workspaceId,
        caseId,
        kind: "case.procedure_changed",
        actorId,
        channel: "WEB",
        data: { from: found.procedure, to: target, reason: "same CA as the old certificate" },
      },
    ]);
  });
}
