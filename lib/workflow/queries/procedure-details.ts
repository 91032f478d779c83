import "server-only";
import { db } from "@/lib/db";
import { otherUsesOfOldRoot } from "../store/inputs/old-root";

/** The old root's other uses matter only once the step that decides about the old root is ready or done. */
async function oldRootUsesWhenDecided(caseId: string) {
  const deciding = await db().step.findFirst({
    where: { caseId, key: { in: ["remove-old", "exchange-certificate"] }, status: { in: ["READY", "DONE"] } },
    select: { id: true },
  });
  return deciding ? otherUsesOfOldRoot(caseId) : { oldRoot: null, uses: [] };
}

/** What the step cards show besides the step itself: grid cells, checklist, window proposals, the old root's other uses. */
export async function loadProcedureDetails(caseId: string) {
  const [confirmations, checklist, proposals, oldRoot] = await Promise.all([
    db().flowNodeConfirmation.findMany({
      where: { caseId },
      orderBy: { confirmedAt: "asc" },
      select: { stepNumber: true, flow: true, node: true, confirmedAt: true, confirmedBy: { select: { name: true, email: true } } },
    }),
    db().checklistItem.findMany({
      where: { caseId },
      orderBy: { position: "asc" },
      select: { id: true, stepNumber: true, label: true, thirdParty: true, doneAt: true, performedBy: true, doneBy: { select: { name: true, email: true } } },
    }),
    db().downtimeProposal.findMany({
      where: { caseId },
      orderBy: { createdAt: "asc" },
      select: { id: true, start: true, end: true, status: true, proposedAsRole: true, createdAt: true, proposedBy: { select: { name: true, email: true } } },
    }),
    oldRootUsesWhenDecided(caseId),
  ]);
  return { confirmations, checklist, proposals, oldRoot };
}

export type ProcedureDetails = Awaited<ReturnType<typeof loadProcedureDetails>>;
