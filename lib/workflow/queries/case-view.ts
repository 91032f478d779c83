import "server-only";
import { cache } from "react";
import { notFound } from "next/navigation";
import type { CaseAccess } from "@/lib/auth/queries/access";
import { viewerTimeZone } from "@/lib/time/viewer";
import { stepTaking, workflowFor, type StepDefinition, type WorkflowDefinition } from "../definitions";
import {
  allowedFor,
  caseActions,
  stepTurn,
  tasksOf,
  type Allowed,
  type CaseActionKind,
  type CaseState,
  type StepTurn,
  type Task,
} from "../turn";
import { caseStateOf } from "../case-state";
import { oldCertificateMayBeUsedUntil, restartsBlockingCleanUp, type GridCell } from "../grid";
import type { Role } from "../roles";
import {
  loadCaseDetail,
  loadCaseDetailWithProcedure,
  type CaseDetail,
  type CaseDetailWithProcedure,
} from "./case-detail";
import { procedureDetailsOf, type ProcedureDetails } from "./procedure-details";
import { displayName } from "@/lib/people";

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
export interface CaseView<Detail extends CaseDetail = CaseDetail> {
  access: CaseAccess;
  detail: Detail;
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

/**
 * Who may see a case: owners and members of its workspace, and guests who take part in it. Anyone else gets 404,
 * whether or not the case exists (the same rule as lib/auth/access.ts, here on the case already loaded).
 */
function accessOf<Detail extends CaseDetail>(detail: Detail | null, viewerId: string): CaseAccess {
  const membership = detail?.workspace.memberships[0];
  if (!detail || !membership) notFound();
  const roles = detail.participants
    .filter((participant) => participant.userId === viewerId)
    .map((participant) => participant.role);
  if (membership.role === "GUEST" && roles.length === 0) notFound();
  return {
    caseId: detail.id,
    workspaceId: detail.workspaceId,
    workspaceRole: membership.role,
    roles,
    status: detail.status,
  };
}

async function viewOf<Detail extends CaseDetail>(viewerId: string, detail: Detail | null): Promise<CaseView<Detail>> {
  const access = accessOf(detail, viewerId);
  const found = detail!;
  const zone = await viewerTimeZone();
  const now = new Date();
  const definition = workflowFor(found.procedure);
  const state = caseStateOf(found, now);
  const awaited = definition.steps.flatMap((step): Awaited[] => {
    const turn = stepTurn(definition, state, step);
    if (turn.stage !== "turn" && turn.stage !== "scheduled") return [];
    const roles = turn.stage === "turn" ? turn.actors : turn.earlyBy;
    const holders = [
      ...new Set(
        found.participants
          .filter((participant) => roles.includes(participant.role))
          .map((participant) => displayName(participant.user)),
      ),
    ];
    return [{ step, turn, roles, holders }];
  });
  return {
    access,
    detail: found,
    definition,
    state,
    awaited,
    zone,
    now,
    tasks: tasksOf(definition, state, access.roles),
    caseActions: caseActions(state, access, definition),
  };
}

/** A case for a viewer (one query), or 404 when they may not see it. Once per request. */
export const loadCaseView = cache(async (userId: string, caseId: string): Promise<CaseView> =>
  viewOf(userId, await loadCaseDetail(caseId, userId)),
);

/** The same with what the step cards need, still one query for the case: the default view and the report. */
export const loadCaseViewWithProcedure = cache(
  async (userId: string, caseId: string): Promise<CaseView<CaseDetailWithProcedure>> =>
    viewOf(userId, await loadCaseDetailWithProcedure(caseId, userId)),
);

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

export async function loadCaseProcedure(view: CaseView<CaseDetailWithProcedure>): Promise<CaseProcedureView> {
  const { detail, definition, access } = view;
  // The old root's other uses are looked up once the step deciding about it is ready or done.
  const deciding = stepTaking(definition, "old-root-removal") ?? stepTaking(definition, "receiver-checklist");
  const decidingReached = detail.steps.some(
    (step) => step.number === deciding?.number && (step.status === "READY" || step.status === "DONE"),
  );
  const details = await procedureDetailsOf(detail, decidingReached);
  const state = caseStateOf({ ...detail, confirmations: details.confirmations }, view.now);
  const restartsMissing = restartsBlockingCleanUp(
    detail.procedure,
    detail.integrationFlows,
    detail.runtimeNodes,
    details.confirmations,
  );
  const keystoreStep = stepTaking(definition, "keystore-alias");
  const keystoreReplacedAt =
    detail.steps.find((step) => step.number === keystoreStep?.number && step.status === "DONE")?.completedAt ?? null;
  const restartSteps = definition.steps.filter((step) => step.key === "restart-flows").map((step) => step.number);
  const restartsDone =
    detail.steps.filter((step) => restartSteps.includes(step.number)).every((step) => step.status === "DONE") &&
    restartsMissing.length === 0;
  return {
    details,
    allowed: allowedFor(definition, state, access),
    restartsMissing,
    keystoreReplacedAt,
    oldCertificateMayBeUsedUntil:
      keystoreReplacedAt && !restartsDone ? oldCertificateMayBeUsedUntil(keystoreReplacedAt) : null,
  };
}
