import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { stepDefinition, workflowFor, type StepDefinition, type StepInput } from "../../definitions";
import { refusalFor, type CaseActionKind, type StepActionKind } from "../../turn";
import { assertCaseAction } from "@/lib/auth/queries/access";
import { caseStateOf } from "../../case-state";
import { lockCase } from "../lock-case";
import { caseSummarySelect } from "@/lib/workflow/queries/case-summary";

/** A case as the step forms need it, with the actor's roles, loaded inside the transaction that changes it. */
export async function loadForInput(tx: Prisma.TransactionClient, caseId: string, actorId: string) {
  await lockCase(tx, caseId);
  const found = await tx.case.findUnique({
    where: { id: caseId },
    select: {
      ...caseSummarySelect,
      status: true,
      runtimeNodes: true,
      integrationFlows: true,
      receiverLandscape: true,
      windowStart: true,
      windowEnd: true,
      windowSequence: true,
      steps: { select: { number: true, status: true, completedAt: true, details: true } },
      confirmations: { select: { stepNumber: true, flow: true, node: true } },
      participants: { where: { userId: actorId }, select: { role: true } },
      workspace: { select: { memberships: { where: { userId: actorId }, select: { role: true } } } },
    },
  });
  if (!found) throw new AppError("NOT_FOUND", "This case does not exist or you have no access to it.");
  if (found.status !== "OPEN")
    throw new AppError("CASE_CLOSED", "This case is closed; its steps can no longer change.");
  return {
    ...found,
    roles: found.participants.map((participant) => participant.role),
    workspaceRole: found.workspace.memberships[0]?.role ?? null,
  };
}

export type CaseForInput = Awaited<ReturnType<typeof loadForInput>>;

/**
 * The step that takes `input` (the given one, or the procedure's only one), after the rule of who may act
 * (lib/workflow/turn.ts) allowed the actor to take `action` on it now. Anything else is refused with its reason.
 */
export function authorizeInput(
  found: CaseForInput,
  input: StepInput | readonly StepInput[],
  action: StepActionKind,
  stepNumber?: number,
  now = new Date(),
): StepDefinition {
  const inputs: readonly StepInput[] = typeof input === "string" ? [input] : input;
  const definition = workflowFor(found.procedure);
  const step =
    stepNumber === undefined
      ? definition.steps.find((candidate) => candidate.input && inputs.includes(candidate.input))
      : stepDefinition(found.procedure, stepNumber);
  if (!step?.input || !inputs.includes(step.input))
    throw new AppError("NOT_FOUND", "This step does not take that information.");
  return authorizeStep(found, step, action, now);
}

/** The step, after the rule of who may act allowed the actor to take `action` on it now. */
export function authorizeStep(
  found: CaseForInput,
  step: StepDefinition,
  action: StepActionKind,
  now = new Date(),
): StepDefinition {
  const refusal = refusalFor(workflowFor(found.procedure), caseStateOf(found, now), step, found.roles, action);
  if (refusal) throw new AppError(refusal.code, refusal.message);
  return step;
}

/** Refuses a case-wide action the rule does not allow this actor. */
export function authorizeCaseAction(found: CaseForInput, action: CaseActionKind): void {
  if (!found.workspaceRole) throw new AppError("NOT_FOUND", "This case does not exist or you have no access to it.");
  assertCaseAction(
    {
      caseId: found.id,
      workspaceId: found.workspaceId,
      workspaceRole: found.workspaceRole,
      roles: found.roles,
      status: found.status,
    },
    action,
    workflowFor(found.procedure),
  );
}

export function stepState(found: CaseForInput, number: number) {
  return found.steps.find((step) => step.number === number);
}
