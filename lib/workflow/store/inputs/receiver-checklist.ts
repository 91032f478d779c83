import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ReceiverLandscape } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/store/record";
import { kickMailWorker } from "@/lib/mail/store/delivery";
import { receiverChecklist } from "../../checklists";
import { receiverStepDecidesOldRoot, workflowFor, type ProcedureId } from "../../definitions";
import { completeStepInTransaction } from "../complete-step";
import { authorizeInput, loadForInput, stepState, type CaseForInput } from "./context";

/** The number of the receiver configuration step (3 in A, 8 in B). */
export function receiverStepNumber(procedure: ProcedureId): number | undefined {
  return workflowFor(procedure).steps.find((step) => step.input === "receiver-checklist")?.number;
}

/** Writes the landscape's checklist when the case is created. */
export async function createReceiverChecklist(
  tx: Prisma.TransactionClient,
  caseId: string,
  procedure: ProcedureId,
  landscape: ReceiverLandscape,
) {
  const stepNumber = receiverStepNumber(procedure);
  if (stepNumber === undefined) return;
  const items = receiverChecklist(landscape, workflowFor(procedure));
  if (items.length === 0) return;
  await tx.checklistItem.createMany({
    data: items.map((item, position) => ({
      caseId,
      stepNumber,
      position,
      label: item.label,
      thirdParty: item.thirdParty ?? null,
    })),
  });
}

/** Where the receiver step also decides about the old root CA, it needs that decision as well as every item. */
export function receiverStepFinished(
  procedure: ProcedureId,
  items: { doneAt: Date | null }[],
  details: unknown,
): boolean {
  const itemsDone = items.length > 0 && items.every((item) => item.doneAt !== null);
  const needsDecision = receiverStepDecidesOldRoot(workflowFor(procedure));
  return itemsDone && (!needsDecision || (typeof details === "object" && details !== null && "oldRoot" in details));
}

async function completeIfFinished(
  tx: Prisma.TransactionClient,
  found: CaseForInput,
  actorId: string,
  stepNumber: number,
) {
  const items = await tx.checklistItem.findMany({ where: { caseId: found.id, stepNumber }, select: { doneAt: true } });
  const details = stepState(found, stepNumber)?.details;
  if (!receiverStepFinished(found.procedure, items, details)) return false;
  await completeStepInTransaction(tx, {
    caseId: found.id,
    stepNumber,
    actorId,
    channel: "WEB",
    withInput: true,
    details: { ...asObject(details), tasksDone: items.length } as Prisma.InputJsonObject,
  });
  return true;
}

/** Ticks one task, done by the receiver administrator themself (`performedBy` null) or by a named third party (e.g. SAP IT). */
export async function tickChecklistItem(actorId: string, caseId: string, itemId: string, performedBy: string | null) {
  const completed = await db().$transaction(async (tx) => {
    const found = await loadForInput(tx, caseId, actorId);
    const stepNumber = authorizeInput(found, "receiver-checklist", "give-input").number;
    const ticked = await tx.checklistItem.updateMany({
      where: { id: itemId, caseId, doneAt: null },
      data: { doneAt: new Date(), doneById: actorId, performedBy },
    });
    if (ticked.count === 0) throw new AppError("CONFLICT", "This task is already ticked, or it is not on this case.");
    const item = await tx.checklistItem.findUniqueOrThrow({ where: { id: itemId }, select: { label: true } });
    await recordAudit(tx, [
      {
        workspaceId: found.workspaceId,
        caseId,
        kind: "checklist.ticked",
        actorId,
        channel: "WEB",
        stepNumber,
        data: { item: item.label, performedBy },
      },
    ]);
    return completeIfFinished(tx, found, actorId, stepNumber);
  });
  kickMailWorker();
  return { completed };
}

/** The receiver administrator adds a task of their own (the whole list, for a custom landscape). */
export async function addChecklistItem(actorId: string, caseId: string, label: string) {
  await db().$transaction(async (tx) => {
    const found = await loadForInput(tx, caseId, actorId);
    const stepNumber = authorizeInput(found, "receiver-checklist", "give-input").number;
    const last = await tx.checklistItem.findFirst({
      where: { caseId, stepNumber },
      orderBy: { position: "desc" },
      select: { position: true },
    });
    await tx.checklistItem.create({ data: { caseId, stepNumber, position: (last?.position ?? -1) + 1, label } });
    await recordAudit(tx, [
      {
        workspaceId: found.workspaceId,
        caseId,
        kind: "checklist.item_added",
        actorId,
        channel: "WEB",
        stepNumber,
        data: { item: label },
      },
    ]);
  });
}

export { completeIfFinished as completeReceiverStepIfFinished };

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
