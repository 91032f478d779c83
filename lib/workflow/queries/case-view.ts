import "server-only";
import { cache } from "react";
import { notFound } from "next/navigation";
import { caseAccess, type CaseAccess } from "@/lib/auth/access";
import { AppError } from "@/lib/errors";
import { viewerTimeZone } from "@/lib/time/viewer";
import { stepTaking, workflowFor, type StepDefinition, type WorkflowDefinition } from "../definitions";
import { allowedFor, caseActions, stepTurn, tasksOf, type Allowed, type CaseActionKind, type CaseState, type StepTurn, type Task } from "../turn";
import { caseStateOf } from "../case-state";
import { oldCertificateMayBeUsedUntil, restartsBlockingCleanUp, type GridCell } from "../grid";
import type { Role } from "../roles";
import { loadCaseDetail, type CaseDetail } from "./case-detail";
import { loadProcedureDetails, type ProcedureDetails } from "./procedure-details";

/** A step the case waits for now, and on whom. */
export interface Awaited {
  step: StepDefinition;
  turn: Extract<StepTurn, { stage: "turn" | "scheduled" }>;
  roles: readonly Role[];
  /** Names (or addresses) of the people holding those roles. */
  holders: string[];
}

/**
 * What every section of a case page needs: the case with its steps and people, the viewer's access, and what the
 * rule of who may act (lib/workflow/turn.ts) makes of them. Having one is proof that access was checked.
 */
export interface CaseView {
  access: CaseAccess;
  detail: CaseDetail;
  definition: WorkflowDefinition;
  state: CaseState;
  /** The viewer's own tasks on this case now. */
  tasks: Task[];
  /** What the case waits for now (also when it is someone else's turn). */
  awaited: Awaited[];
  caseActions: readonly CaseActionKind[];
  zone: string;
  now: Date;
}

const displayName = (user: { name: string | null; email: string }) => user.name ?? user.email;

/** Loads a case for a viewer, or answers 404 when they may not see it (whether or not it exists). Once per request. */
export const loadCaseView = cache(async (userId: string, caseId: string): Promise<CaseView> => {
  let access: CaseAccess;
  try {
    access = await caseAccess(userId, caseId);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const [detail, zone] = await Promise.all([loadCaseDetail(caseId), viewerTimeZone()]);
  const now = new Date();
  const definition = workflowFor(detail.variant);
  const state = caseStateOf(detail, now);
  const awaited = definition.steps.flatMap((step): Awaited[] => {
    const turn = stepTurn(definition, state, step);
    if (turn.stage !== "turn" && turn.stage !== "scheduled") return [];
    const roles = turn.stage === "turn" ? turn.actors : turn.earlyBy;
    const holders = [...new Set(detail.participants.filter((participant) => roles.includes(participant.role)).map((participant) => displayName(participant.user)))];
    return [{ step, turn, roles, holders }];
  });
  return {
    access, detail, definition, state, awaited, zone, now,
    tasks: tasksOf(definition, state, access.roles),
    caseActions: caseActions(state, access),
  };
});

/** The steps with their inputs: grid cells, receiver tasks, window proposals, the old root's other uses, and the facts derived from them. */
export interface CaseProcedureView {
  details: ProcedureDetails;
  /** What the viewer may do on each step now. */
  allowed: Allowed;
  /** Grid cells of the restart step still open; the clean-up waits for them. */
  restartsMissing: GridCell[];
  /** When the keystore was changed, if it was. */
  keystoreReplacedAt: Date | null;
  /** Until when unrestarted nodes may still present the old certificate; null once every node was restarted. */
  oldCertificateMayBeUsedUntil: Date | null;
}

export async function loadCaseProcedure(view: CaseView): Promise<CaseProcedureView> {
  const { detail, definition, access } = view;
  const details = await loadProcedureDetails(detail.id);
  const state = caseStateOf({ ...detail, confirmations: details.confirmations }, view.now);
  const restartsMissing = restartsBlockingCleanUp(detail.variant, detail.integrationFlows, detail.runtimeNodes, details.confirmations);
  const keystoreStep = stepTaking(definition, "keystore-alias");
  const keystoreReplacedAt = detail.steps.find((step) => step.number === keystoreStep?.number && step.status === "DONE")?.completedAt ?? null;
  const restartSteps = definition.steps.filter((step) => step.key === "restart-flows").map((step) => step.number);
  const restartsDone = detail.steps.filter((step) => restartSteps.includes(step.number)).every((step) => step.status === "DONE") && restartsMissing.length === 0;
  return {
    details,
    allowed: allowedFor(definition, state, access),
    restartsMissing,
    keystoreReplacedAt,
    oldCertificateMayBeUsedUntil: keystoreReplacedAt && !restartsDone ? oldCertificateMayBeUsedUntil(keystoreReplacedAt) : null,
  };
}
