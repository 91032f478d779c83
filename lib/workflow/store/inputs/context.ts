import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { ROLE_LABEL, type Role } from "../../roles";
import { workflowFor, type StepDefinition, type StepInput } from "../../definitions";
import { lockCase } from "../lock-case";

/** A case as the step forms need it, with the actor's roles, loaded inside the transaction that changes it. */
export async function loadForInput(tx: Prisma.TransactionClient, caseId: string, actorId: string) {
  await lockCase(tx, caseId);
  const found = await tx.case.findUnique({
    where: { id: caseId },
    select: {
      id: true, workspaceId: true, title: true, receiverSystem: true, variant: true, operatingModel: true, keystoreAlias: true, status: true,
      runtimeNodes: true, integrationFlows: true, receiverLandscape: true, windowStart: true, windowEnd: true, windowSequence: true,
      steps: { select: { number: true, status: true, completedAt: true, details: true } },
      participants: { where: { userId: actorId }, select: { role: true } },
    },
  });
  if (!found) throw new AppError("NOT_FOUND", "This case does not exist or you have no access to it.");
  if (found.status !== "OPEN") throw new AppError("CASE_CLOSED", "This case is closed; its steps can no longer change.");
  return { ...found, roles: found.participants.map((participant) => participant.role) };
}

export type CaseForInput = Awaited<ReturnType<typeof loadForInput>>;

/** The step with the given input, refusing anything else; and the actor must hold one of `roles`. */
export function stepWithInput(found: CaseForInput, stepNumber: number, input: StepInput, roles: Role[]): StepDefinition {
  const step = workflowFor(found.variant).steps[stepNumber - 1];
  if (!step || step.input !== input) throw new AppError("NOT_FOUND", "This step does not take that information.");
  if (!roles.some((role) => found.roles.includes(role))) {
    throw new AppError("NOT_YOUR_ROLE", `This belongs to the ${roles.map((role) => ROLE_LABEL[role].toLowerCase()).join(" or ")}, and you do not hold that role on this case.`);
  }
  return step;
}

export function stepState(found: CaseForInput, number: number) {
  return found.steps.find((step) => step.number === number);
}
