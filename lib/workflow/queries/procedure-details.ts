import "server-only";
import { otherUsesOfOldRoot } from "./old-root-uses";
import type { CaseDetailWithProcedure } from "./case-detail";

/** The old root's other uses matter only once the step that decides about the old root is ready or done. */
async function oldRootUsesWhenDecided(caseId: string, decidingStepReached: boolean) {
  return decidingStepReached ? otherUsesOfOldRoot(caseId) : { oldRoot: null, uses: [] };
}

/** The step cards' details: grid cells, checklist, window proposals (loaded with the case) and the old root's other uses. */
export async function procedureDetailsOf(detail: CaseDetailWithProcedure, decidingStepReached: boolean) {
  return {
    confirmations: detail.confirmations,
    checklist: detail.checklist,
    proposals: detail.proposals,
    oldRoot: await oldRootUsesWhenDecided(detail.id, decidingStepReached),
  };
}

export type ProcedureDetails = Awaited<ReturnType<typeof procedureDetailsOf>>;
