import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/store/record";
import { kickMailWorker } from "@/lib/mail/store/delivery";
import { gridCells, missingCells, type GridCell } from "../../grid";
import { completeStepInTransaction } from "../complete-step";
import { authorizeCaseAction, authorizeInput, loadForInput, stepState } from "./context";

/**
 * The integration developer confirms cells of the flows × nodes grid. The step completes when the last cell is
 * confirmed; cells that join later (a node added during the case) can still be confirmed after the step is done.
 */
export async function confirmGridCells(actorId: string, caseId: string, stepNumber: number, cells: GridCell[]) {
  const outcome = await db().$transaction(async (tx) => {
    const found = await loadForInput(tx, caseId, actorId);
    // Ready, or done with cells that joined later (a node added during the case): lib/workflow/turn.ts decides.
    const step = authorizeInput(found, "flow-node-grid", "give-input", stepNumber);
    const state = stepState(found, stepNumber)!;
    const existing = found.confirmations.filter((cell) => cell.stepNumber === stepNumber);
    const open = missingCells(found.integrationFlows, found.runtimeNodes, existing);
    const valid = new Set(
      gridCells(found.integrationFlows, found.runtimeNodes).map((cell) => `${cell.flow}\u0000${cell.node}`),
    );
    const wanted = cells.filter((cell) => valid.has(`${cell.flow}\u0000${cell.node}`));
    if (wanted.length !== cells.length || wanted.length === 0)
      throw new AppError("VALIDATION_FAILED", "Choose flows and nodes of this case.");
    const fresh = missingCells(found.integrationFlows, found.runtimeNodes, existing).filter((cell) =>
      wanted.some((w) => w.flow === cell.flow && w.node === cell.node),
    );
    await tx.flowNodeConfirmation.createMany({
      data: fresh.map((cell) => ({ caseId, stepNumber, ...cell, confirmedById: actorId })),
      skipDuplicates: true,
    });
    await recordAudit(
      tx,
      fresh.map((cell) => ({
        workspaceId: found.workspaceId,
        caseId,
        kind: "grid.confirmed" as const,
        actorId,
        channel: "WEB" as const,
        stepNumber,
        data: { flow: cell.flow, node: cell.node, action: step.key },
      })),
    );
    const remaining = open.length - fresh.length;
    if (remaining === 0 && state.status === "READY") {
      const count = found.integrationFlows.length * found.runtimeNodes.length;
      await completeStepInTransaction(tx, {
        caseId,
        stepNumber,
        actorId,
        channel: "WEB",
        withInput: true,
        details: { confirmedCells: count },
      });
      return { confirmed: fresh.length, remaining, completed: true };
    }
    return { confirmed: fresh.length, remaining, completed: false };
  });
  kickMailWorker();
  return outcome;
}

/** Nodes or flows added while the case is open join every grid; the audit trail records who added what. */
export async function addNodesAndFlows(actorId: string, caseId: string, nodes: string[], flows: string[]) {
  await db().$transaction(async (tx) => {
    const found = await loadForInput(tx, caseId, actorId);
    authorizeCaseAction(found, "add-nodes-flows");
    const newNodes = nodes.filter(
      (node) => !found.runtimeNodes.some((known) => known.toLowerCase() === node.toLowerCase()),
    );
    const newFlows = flows.filter(
      (flow) => !found.integrationFlows.some((known) => known.toLowerCase() === flow.toLowerCase()),
    );
    if (newNodes.length + newFlows.length === 0)
      throw new AppError("VALIDATION_FAILED", "These nodes and flows are already part of the case.");
    await tx.case.update({
      where: { id: caseId },
      data: {
        runtimeNodes: [...found.runtimeNodes, ...newNodes],
        integrationFlows: [...found.integrationFlows, ...newFlows],
      },
    });
    await recordAudit(tx, [
      {
        workspaceId: found.workspaceId,
        caseId,
        kind: "case.changed",
        actorId,
        channel: "WEB",
        data: { addedRuntimeNodes: newNodes, addedIntegrationFlows: newFlows },
      },
    ]);
  });
}
