import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/store/record";
import { kickMailWorker } from "@/lib/mail/store/delivery";
import { restartsBlockingCleanUp } from "../../grid";
import { completeStepInTransaction } from "../complete-step";
import { authorizeInput, loadForInput, type CaseForInput } from "./context";
import { completeReceiverStepIfFinished } from "./receiver-checklist";

export interface OldRootDecision {
  oldRoot: "removed" | "kept";
  reason: string;
  /** A: the old client certificate was removed from the receiver as well. */
  oldClientCertificateRemoved?: boolean;
}

/**
 * A clean-up after a restart waits until the flows were restarted on every node. Returns the cells still open.
 * Reads through the caller's transaction: the embedded database has a single connection.
 */
async function restartsMissing(
  client: Prisma.TransactionClient,
  found: Pick<CaseForInput, "id" | "procedure" | "integrationFlows" | "runtimeNodes">,
): Promise<{ flow: string; node: string }[]> {
  const confirmed = await client.flowNodeConfirmation.findMany({
    where: { caseId: found.id },
    select: { stepNumber: true, flow: true, node: true },
  });
  return restartsBlockingCleanUp(found.procedure, found.integrationFlows, found.runtimeNodes, confirmed);
}

/** The receiver administrator records whether the old root CA was removed or kept, and why. */
export async function recordOldRootDecision(
  actorId: string,
  caseId: string,
  stepNumber: number,
  decision: OldRootDecision,
) {
  const completed = await db().$transaction(async (tx) => {
    const found = await loadForInput(tx, caseId, actorId);
    const { input } = authorizeInput(found, ["old-root-removal", "receiver-checklist"], "give-input", stepNumber);
    const details = {
      oldRoot: decision.oldRoot,
      reason: decision.reason,
      ...(decision.oldClientCertificateRemoved !== undefined
        ? { oldClientCertificateRemoved: decision.oldClientCertificateRemoved }
        : {}),
    };
    await recordAudit(tx, [
      {
        workspaceId: found.workspaceId,
        caseId,
        kind: "old_root.decided",
        actorId,
        channel: "WEB",
        stepNumber,
        data: details,
      },
    ]);
    if (input === "old-root-removal") {
      const missing = await restartsMissing(tx, found);
      if (missing.length > 0) {
        throw new AppError(
          "STEP_NOT_READY",
          `The old certificate cannot be removed yet: the flows have not been restarted on every node (${missing.map((cell) => `${cell.flow} on ${cell.node}`).join(", ")}). Until then those nodes may still present the old certificate.`,
        );
      }
      if (!decision.oldClientCertificateRemoved)
        throw new AppError(
          "VALIDATION_FAILED",
          "Confirm that the old client certificate was removed from the receiver.",
        );
      await completeStepInTransaction(tx, {
        caseId,
        stepNumber,
        actorId,
        channel: "WEB",
        withInput: true,
        details,
        comment: decision.reason,
      });
      return true;
    }
    await tx.step.update({ where: { caseId_number: { caseId, number: stepNumber } }, data: { details } });
    return completeReceiverStepIfFinished(
      tx,
      { ...found, steps: found.steps.map((s) => (s.number === stepNumber ? { ...s, details } : s)) },
      actorId,
      stepNumber,
    );
  });
  kickMailWorker();
  return { completed };
}
