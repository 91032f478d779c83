import { describe, expect, it } from "vitest";
import {
  TENANT_CLIENT_NEW_CA_BOTH,
  TENANT_CLIENT_NEW_CA_DOWNTIME,
  applyPlan,
  currentStep,
  initialStepStates,
  planCompletion,
  planScheduledHandover,
  stepsToCancel,
  type Role,
  type StepState,
  type WorkflowDefinition,
} from "@/lib/workflow";

const ALL_ROLES: Role[] = ["TENANT_ADMIN", "RECEIVER_ADMIN", "INTEGRATION_DEVELOPER"];

/** Runs a whole case as one person holding every role and records what became ready when. */
function runToEnd(definition: WorkflowDefinition) {
  let steps: StepState[] = initialStepStates(definition);
  const trace: { completed: number; handedOver: readonly number[]; nowReady: number | null }[] = [];
  for (let guard = 0; guard < 20; guard += 1) {
    const ready = currentStep(steps);
    if (!ready) break;
    const waiting = definition.steps[ready.number - 1]!.kind === "handover";
    const result = waiting
      ? planScheduledHandover(definition, "OPEN", steps, ready.number)
      : planCompletion(definition, "OPEN", steps, ready.number, ALL_ROLES);
    if (!result.ok) throw new Error(result.refusal);
    trace.push({
      completed: result.plan.completed,
      handedOver: result.plan.handedOver,
      nowReady: result.plan.nowReady,
    });
    steps = applyPlan(steps, result.plan);
  }
  return { steps, trace };
}

describe("initial states", () => {
  it("makes only step 1 ready", () => {
    const steps = initialStepStates(TENANT_CLIENT_NEW_CA_BOTH);
    expect(steps.filter((step) => step.status === "READY").map((step) => step.number)).toEqual([1]);
    expect(steps.filter((step) => step.status === "BLOCKED")).toHaveLength(8);
  });
});

describe("variant A end to end", () => {
  it("alternates actions with the hand-overs performed by the system", () => {
    const { steps, trace } = runToEnd(TENANT_CLIENT_NEW_CA_BOTH);
    expect(trace).toEqual([
      { completed: 1, handedOver: [2], nowReady: 3 },
      { completed: 3, handedOver: [4], nowReady: 5 },
      { completed: 5, handedOver: [6], nowReady: 7 },
      { completed: 7, handedOver: [8], nowReady: 9 },
      { completed: 9, handedOver: [], nowReady: null },
    ]);
    expect(steps.every((step) => step.status === "DONE")).toBe(true);
  });

  it("completes the case with the last step", () => {
    let steps = initialStepStates(TENANT_CLIENT_NEW_CA_BOTH);
    for (const number of [1, 3, 5, 7]) {
      const result = planCompletion(TENANT_CLIENT_NEW_CA_BOTH, "OPEN", steps, number, ALL_ROLES);
      if (!result.ok) throw new Error(result.refusal);
      expect(result.plan.caseCompleted).toBe(false);
      steps = applyPlan(steps, result.plan);
    }
    const last = planCompletion(TENANT_CLIENT_NEW_CA_BOTH, "OPEN", steps, 9, ["RECEIVER_ADMIN"]);
    expect(last).toEqual({ ok: true, plan: { completed: 9, handedOver: [], nowReady: null, caseCompleted: true } });
  });
});

describe("variant B end to end", () => {
  it("waits for the window's start before the stop hand-over, and performs hand-overs 9 and 10 together", () => {
    const { steps, trace } = runToEnd(TENANT_CLIENT_NEW_CA_DOWNTIME);
    expect(trace).toEqual([
      { completed: 1, handedOver: [], nowReady: 2 },
      { completed: 2, handedOver: [], nowReady: 3 },
      { completed: 3, handedOver: [], nowReady: 4 },
      { completed: 4, handedOver: [5], nowReady: 6 },
      { completed: 6, handedOver: [7], nowReady: 8 },
      { completed: 8, handedOver: [9, 10], nowReady: 11 },
      { completed: 11, handedOver: [], nowReady: null },
    ]);
    expect(steps.every((step) => step.status === "DONE")).toBe(true);
  });
});

describe("refusals", () => {
  const fresh = initialStepStates(TENANT_CLIENT_NEW_CA_BOTH);

  it("refuses a step owned by another role", () => {
    expect(
      planCompletion(TENANT_CLIENT_NEW_CA_BOTH, "OPEN", fresh, 1, ["RECEIVER_ADMIN", "INTEGRATION_DEVELOPER"]),
    ).toEqual({
      ok: false,
      refusal: "NOT_YOUR_ROLE",
    });
  });

  it("refuses a step that is not ready yet (out of order)", () => {
    expect(planCompletion(TENANT_CLIENT_NEW_CA_BOTH, "OPEN", fresh, 3, ALL_ROLES)).toEqual({
      ok: false,
      refusal: "STEP_NOT_READY",
    });
  });

  it("refuses a step twice", () => {
    const result = planCompletion(TENANT_CLIENT_NEW_CA_BOTH, "OPEN", fresh, 1, ALL_ROLES);
    if (!result.ok) throw new Error(result.refusal);
    const after = applyPlan(fresh, result.plan);
    expect(planCompletion(TENANT_CLIENT_NEW_CA_BOTH, "OPEN", after, 1, ALL_ROLES)).toEqual({
      ok: false,
      refusal: "STEP_ALREADY_DONE",
    });
  });

  it("refuses completing a hand-over by hand", () => {
    const handoverReady: StepState[] = fresh.map((step) => ({
      number: step.number,
      status: step.number === 1 ? "DONE" : step.number === 2 ? "READY" : "BLOCKED",
    }));
    expect(planCompletion(TENANT_CLIENT_NEW_CA_BOTH, "OPEN", handoverReady, 2, ALL_ROLES)).toEqual({
      ok: false,
      refusal: "STEP_IS_HANDOVER",
    });
  });

  it("refuses unknown steps", () => {
    expect(planCompletion(TENANT_CLIENT_NEW_CA_BOTH, "OPEN", fresh, 10, ALL_ROLES)).toEqual({
      ok: false,
      refusal: "STEP_NOT_FOUND",
    });
    expect(
      planCompletion(
        TENANT_CLIENT_NEW_CA_DOWNTIME,
        "OPEN",
        initialStepStates(TENANT_CLIENT_NEW_CA_DOWNTIME),
        0,
        ALL_ROLES,
      ),
    ).toEqual({
      ok: false,
      refusal: "STEP_NOT_FOUND",
    });
  });

  it.each(["COMPLETED", "CANCELLED"] as const)("refuses anything on a %s case", (status) => {
    expect(planCompletion(TENANT_CLIENT_NEW_CA_BOTH, status, fresh, 1, ALL_ROLES)).toEqual({
      ok: false,
      refusal: "CASE_CLOSED",
    });
  });

  it("refuses a cancelled step", () => {
    const cancelled: StepState[] = fresh.map((step) => ({ ...step, status: "CANCELLED" }));
    expect(planCompletion(TENANT_CLIENT_NEW_CA_BOTH, "OPEN", cancelled, 1, ALL_ROLES)).toEqual({
      ok: false,
      refusal: "STEP_NOT_READY",
    });
  });
});

describe("joint and scheduled steps", () => {
  const afterStep1 = (() => {
    const result = planCompletion(
      TENANT_CLIENT_NEW_CA_DOWNTIME,
      "OPEN",
      initialStepStates(TENANT_CLIENT_NEW_CA_DOWNTIME),
      1,
      ["TENANT_ADMIN"],
    );
    if (!result.ok) throw new Error(result.refusal);
    return applyPlan(initialStepStates(TENANT_CLIENT_NEW_CA_DOWNTIME), result.plan);
  })();

  it("lets the receiver administrator complete the downtime agreement they take part in", () => {
    const result = planCompletion(TENANT_CLIENT_NEW_CA_DOWNTIME, "OPEN", afterStep1, 2, ["RECEIVER_ADMIN"]);
    expect(result).toEqual({ ok: true, plan: { completed: 2, handedOver: [], nowReady: 3, caseCompleted: false } });
    expect(planCompletion(TENANT_CLIENT_NEW_CA_DOWNTIME, "OPEN", afterStep1, 2, ["INTEGRATION_DEVELOPER"])).toEqual({
      ok: false,
      refusal: "NOT_YOUR_ROLE",
    });
  });

  it("leaves the waiting hand-over to the scheduler: nobody completes it by hand", () => {
    const result = planCompletion(TENANT_CLIENT_NEW_CA_DOWNTIME, "OPEN", afterStep1, 2, ["TENANT_ADMIN"]);
    if (!result.ok) throw new Error(result.refusal);
    const waiting = applyPlan(afterStep1, result.plan);
    expect(planCompletion(TENANT_CLIENT_NEW_CA_DOWNTIME, "OPEN", waiting, 3, ALL_ROLES)).toEqual({
      ok: false,
      refusal: "STEP_IS_HANDOVER",
    });
    expect(planScheduledHandover(TENANT_CLIENT_NEW_CA_DOWNTIME, "OPEN", waiting, 3)).toEqual({
      ok: true,
      plan: { completed: 3, handedOver: [], nowReady: 4, caseCompleted: false },
    });
    expect(planScheduledHandover(TENANT_CLIENT_NEW_CA_DOWNTIME, "OPEN", afterStep1, 3)).toEqual({
      ok: false,
      refusal: "STEP_NOT_READY",
    });
    expect(planScheduledHandover(TENANT_CLIENT_NEW_CA_DOWNTIME, "CANCELLED", waiting, 3)).toEqual({
      ok: false,
      refusal: "CASE_CLOSED",
    });
    expect(planScheduledHandover(TENANT_CLIENT_NEW_CA_DOWNTIME, "OPEN", waiting, 5)).toEqual({
      ok: false,
      refusal: "NOT_A_WAITING_HANDOVER",
    });
    expect(
      planScheduledHandover(TENANT_CLIENT_NEW_CA_BOTH, "OPEN", initialStepStates(TENANT_CLIENT_NEW_CA_BOTH), 2),
    ).toEqual({
      ok: false,
      refusal: "NOT_A_WAITING_HANDOVER",
    });
  });
});

describe("cancellation", () => {
  it("closes every step that is not done", () => {
    const result = planCompletion(
      TENANT_CLIENT_NEW_CA_DOWNTIME,
      "OPEN",
      initialStepStates(TENANT_CLIENT_NEW_CA_DOWNTIME),
      1,
      ["TENANT_ADMIN"],
    );
    if (!result.ok) throw new Error(result.refusal);
    const after = applyPlan(initialStepStates(TENANT_CLIENT_NEW_CA_DOWNTIME), result.plan);
    expect(stepsToCancel(after)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });
});
