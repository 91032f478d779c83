import type { Role } from "./roles";
import { givenByPerson, type WorkflowDefinition } from "./definitions";
import { actorsOf } from "./turn";

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
  | "NOT_A_WAITING_HANDOVER"
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

/** The step and its state on an open case, or why there is nothing to do with it. */
function openStep(definition: WorkflowDefinition, caseStatus: CaseStatus, steps: readonly StepState[], number: number) {
  if (caseStatus !== "OPEN") return { ok: false, refusal: "CASE_CLOSED" } as const;
  const step = definition.steps.find((candidate) => candidate.number === number);
  const state = steps.find((candidate) => candidate.number === number);
  if (!step || !state) return { ok: false, refusal: "STEP_NOT_FOUND" } as const;
  if (state.status === "DONE") return { ok: false, refusal: "STEP_ALREADY_DONE" } as const;
  return { ok: true, step, state } as const;
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
  const found = openStep(definition, caseStatus, steps, number);
  if (!found.ok) return found;
  const { step, state } = found;
  if (state.status !== "READY") return { ok: false, refusal: "STEP_NOT_READY" };
  if (!givenByPerson(step)) return { ok: false, refusal: "STEP_IS_HANDOVER" };
  if (!actorsOf(step).some((role) => actorRoles.includes(role))) return { ok: false, refusal: "NOT_YOUR_ROLE" };
  return { ok: true, plan: { completed: number, ...whatFollows(definition, number) } };
}

/**
 * What happens after step `number` is done: the hand-overs right after it are performed, up to the next step a person
 * gives (which becomes ready) or up to a hand-over that waits for its moment (which becomes ready for the scheduler).
 */
function whatFollows(definition: WorkflowDefinition, number: number): Omit<TransitionPlan, "completed"> {
  const later = definition.steps.filter((candidate) => candidate.number > number);
  const stopAt = later.findIndex((candidate) => givenByPerson(candidate) || candidate.waitsFor !== undefined);
  const handedOver = (stopAt === -1 ? later : later.slice(0, stopAt)).map((candidate) => candidate.number);
  const nowReady = stopAt === -1 ? null : later[stopAt]!.number;
  return { handedOver, nowReady, caseCompleted: nowReady === null };
}

/** The system performs a hand-over that was waiting for its moment (the start of the downtime window). */
export function planScheduledHandover(
  definition: WorkflowDefinition,
  caseStatus: CaseStatus,
  steps: readonly StepState[],
  number: number,
): TransitionResult {
  const found = openStep(definition, caseStatus, steps, number);
  if (!found.ok) return found;
  const { step, state } = found;
  if (step.kind !== "handover" || !step.waitsFor) return { ok: false, refusal: "NOT_A_WAITING_HANDOVER" };
  if (state.status !== "READY") return { ok: false, refusal: "STEP_NOT_READY" };
  return { ok: true, plan: { completed: number, ...whatFollows(definition, number) } };
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
