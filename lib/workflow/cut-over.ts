import type { StepDefinition, WorkflowDefinition } from "./definitions";
import type { StepStatus } from "./transitions";

/** How far ahead a load balancer cut-over may be announced: senders need time, but a year is a typo. */
export const CUT_OVER_LIMITS = { minLeadMs: 60 * 60 * 1000, maxAheadMs: 366 * 24 * 60 * 60 * 1000 } as const;

/** Why a cut-over time cannot be announced, in words for the person; null when it can. */
export function cutOverProblem(at: Date, now: Date): string | null {
  if (at.getTime() < now.getTime() + CUT_OVER_LIMITS.minLeadMs)
    return "The cut-over must be at least an hour from now: the senders have to trust the new root before it.";
  if (at.getTime() > now.getTime() + CUT_OVER_LIMITS.maxAheadMs) return "The cut-over can be at most a year from now.";
  return null;
}

/** How long before the cut-over the app checks that the steps due by then are done. */
export const CUT_OVER_CHECK_BEFORE_MS = 24 * 60 * 60 * 1000;

/**
 * The steps that must be done before the cut-over and are not, once the check is due (a day before); empty before
 * then, or when all are done.
 */
export function stepsAtRisk(
  definition: WorkflowDefinition,
  steps: readonly { number: number; status: StepStatus }[],
  cutOverAt: Date | null,
  now: Date,
): StepDefinition[] {
  if (!cutOverAt || now.getTime() < cutOverAt.getTime() - CUT_OVER_CHECK_BEFORE_MS) return [];
  return definition.steps.filter(
    (step) => step.dueBy === "cut-over" && steps.find((state) => state.number === step.number)?.status !== "DONE",
  );
}
