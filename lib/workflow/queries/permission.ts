import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { stepTaking, workflowFor, type StepInput } from "../definitions";
import { refusalFor, type StepActionKind } from "../turn";
import { caseStateOf } from "../case-state";
import type { Role } from "../roles";

/**
 * Refuses, before any costly work (reading an upload), what the rule of who may act would refuse anyway inside the
 * transaction. `roles` are the viewer's roles on the case, from the access check that came first.
 */
export async function assertMayGiveInput(
  caseId: string,
  roles: readonly Role[],
  input: StepInput,
  action: StepActionKind = "give-input",
): Promise<void> {
  const found = await db().case.findUniqueOrThrow({
    where: { id: caseId },
    select: {
      procedure: true,
      status: true,
      windowStart: true,
      integrationFlows: true,
      runtimeNodes: true,
      steps: { select: { number: true, status: true } },
    },
  });
  const definition = workflowFor(found.procedure);
  const step = stepTaking(definition, input);
  if (!step) throw new AppError("NOT_FOUND", "This case's procedure does not take that information.");
  const refusal = refusalFor(definition, caseStateOf(found), step, roles, action);
  if (refusal) throw new AppError(refusal.code, refusal.message);
}
