import { workflowFor, type ProcedureId } from "./definitions";
import { missingCells, type GridCell } from "./grid";
import type { CaseState } from "./turn";
import type { CaseStatus, StepStatus } from "./transitions";

/** What a case row and its relations say, as the rule of who may act (./turn.ts) needs it. */
export interface CaseFacts {
  procedure: ProcedureId;
  status: CaseStatus;
  steps: readonly { number: number; status: StepStatus }[];
  windowStart: Date | null;
  integrationFlows: readonly string[];
  runtimeNodes: readonly string[];
  /** Confirmed grid cells; leave out when no grid matters to the caller (then no done grid counts as open). */
  confirmations?: readonly (GridCell & { stepNumber: number })[];
}

export function caseStateOf(facts: CaseFacts, now = new Date()): CaseState {
  const grids = workflowFor(facts.procedure).steps.filter((step) => step.input === "flow-node-grid");
  const confirmations = facts.confirmations;
  const gridStepsWithOpenCells = confirmations
    ? grids
        .filter(
          (step) =>
            missingCells(
              facts.integrationFlows,
              facts.runtimeNodes,
              confirmations.filter((cell) => cell.stepNumber === step.number),
            ).length > 0,
        )
        .map((step) => step.number)
    : [];
  return { status: facts.status, steps: facts.steps, windowStart: facts.windowStart, gridStepsWithOpenCells, now };
}
