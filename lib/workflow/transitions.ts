import type { Role } from "./roles";
import type { WorkflowDefinition } from "./definitions";

export type StepStatus = "BLOCKED" | "READY" | "DONE" | "CANCELLED";
export type CaseStatus = "OPEN" | "COMPLETED" | "CANCELLED";

export interface StepState {
  readonly number: number;
  readonly status: StepStatus;
}

/** What completing one step does to the case, computed before anything is written. */
export interface TransitionPlan {
  readonly completed: number;
  /** Hand-overs that follow directly and are performed by the system, in order. */
  readonly handedOver: readonly number[];
  /** The action step that becomes ready, or null when the case is finished. */
  readonly nowReady: number | null;
  readonly caseCompleted: boolean;
}

export type TransitionRefusal =
  | "CASE_CLOSED"
  | "STEP_NOT_FOUND"
  | "STEP_ALREADY_DONE"
  | "STEP_NOT_READY"
  | "STEP_IS_HANDOVER"
  | "NOT_YOUR_ROLE";

export type TransitionResult = { ok: true; plan: TransitionPlan } | { ok: false; refusal: TransitionRefusal };

/** The states of a freshly created case: step 1 ready, all others waiting. */
export function initialStepStates(definition: WorkflowDefinition): StepState[] {
  return definition.steps.map((step) => ({ number: step.number, status: step.number === 1 ? "READY" : "BLOCKED" }));
}

export function currentStep(steps: readonly StepState[]): StepState | undefined {
  return steps.find((step) => step.status === "READY");
}

/**
 * Decides whether `actorRoles` may complete step `number` and what follows from it.
 * Hand-overs cannot be completed by a person: they are performed as part of the step before them.
 */
export function planCompletion(
  definition: WorkflowDefinition,
  caseStatus: CaseStatus,
  steps: readonly StepState[],
  number: number,
  actorRoles: readonly Role[],
): TransitionResult {
  if (caseStatus !== "OPEN") return { ok: false, refusal: "CASE_CLOSED" };
  const step = definition.steps.find((candidate) => candidate.number === number);
  const state = steps.find((candidate) => candidate.number === number);
  if (!step || !state) return { ok: false, refusal: "STEP_NOT_FOUND" };
  if (state.status === "DONE") return { ok: false, refusal: "STEP_ALREADY_DONE" };
  if (state.status !== "READY") return { ok: false, refusal: "STEP_NOT_READY" };
  if (step.kind === "handover") return { ok: false, refusal: "STEP_IS_HANDOVER" };
  if (!actorRoles.includes(step.role)) return { ok: false, refusal: "NOT_YOUR_ROLE" };

  const later = definition.steps.slice(definition.steps.indexOf(step) + 1);
  const firstAction = later.findIndex((candidate) => candidate.kind === "action");
  const handedOver = (firstAction === -1 ? later : later.slice(0, firstAction)).map((candidate) => candidate.number);
  const nowReady = firstAction === -1 ? null : later[firstAction]!.number;
  return {
    ok: true,
    plan: { completed: number, handedOver, nowReady, caseCompleted: nowReady === null },
  };
}

/** Applies a plan to step states (used by tests and by anything that needs the resulting picture). */
export function applyPlan(steps: readonly StepState[], plan: TransitionPlan): StepState[] {
  return steps.map((step) => {
    if (step.number === plan.completed || plan.handedOver.includes(step.number)) return { ...step, status: "DONE" };
    if (step.number === plan.nowReady) return { ...step, status: "READY" };
    return step;
  });
}

/** Cancelling closes every step that is not done yet. */
export function stepsToCancel(steps: readonly StepState[]): number[] {
  return steps.filter((step) => step.status === "READY" || step.status === "BLOCKED").map((step) => step.number);
}
