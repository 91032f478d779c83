import { ROLE_LABEL, type Role } from "./roles";
import { givenByPerson, stepLabel, stepTaking, type StepDefinition, type WorkflowDefinition } from "./definitions";
import type { CaseStatus, StepState } from "./transitions";

/**
 * The one rule of who may act on a case, and how. Pages, banners, the inbox, mails, reminders, action links and the
 * server's checks all ask here, so they cannot disagree. Pure: it sees the case's state and the viewer, nothing else.
 */

/** What a person can do on one step. */
export type StepActionKind =
  /** An action step without a form: say that it is done (on the page or with the e-mail's link). */
  | "confirm"
  /** An action step's own form: the upload, the alias, grid cells, receiver tasks, the decision about the old root. */
  | "give-input"
  /** Propose downtime windows: to agree on one, and to move the agreed one until it starts. */
  | "propose-window"
  /** Accept a window the other side proposed. */
  | "accept-window"
  /** Perform a scheduled hand-over before its moment (stop the flows before the window starts). */
  | "start-early";

/** What a person can do on the case as a whole. */
export type CaseActionKind = "add-nodes-flows" | "cancel-case" | "resend-mail";

export type WorkspaceRoleName = "OWNER" | "MEMBER" | "GUEST";

export interface Viewer {
  /** The roles the person holds on this case. */
  roles: readonly Role[];
  workspaceRole: WorkspaceRoleName | null;
}

/** The facts of a case the rule depends on. */
export interface CaseState {
  status: CaseStatus;
  steps: readonly StepState[];
  /** The agreed downtime window's start, when there is one. */
  windowStart: Date | null;
  /** Grid steps with cells not yet confirmed (nodes or flows added after the step was done keep it open for them). */
  gridStepsWithOpenCells: readonly number[];
  now: Date;
}

/** Where a step stands for people: nothing to do, someone's turn, or a moment the app waits for. */
export type StepTurn =
  | { stage: "blocked" | "done" | "cancelled" }
  | { stage: "turn"; actors: readonly Role[] }
  | { stage: "scheduled"; at: Date | null; earlyBy: readonly Role[] };

/** The roles whose turn a ready step is: its owner, and the partner of a joint step. Nobody's for hand-overs the app performs. */
export function actorsOf(step: StepDefinition): Role[] {
  if (!givenByPerson(step)) return [];
  return step.with ? [step.role, step.with] : [step.role];
}

/**
 * The roles a step asks for when it becomes ready: the actors of an action step; for a hand-over the app performs
 * at a moment, the role that may perform it earlier. Plain hand-overs ask nobody (the app performs them at once).
 */
export function askedWhenReady(step: StepDefinition): Role[] {
  return step.waitsFor ? [step.role] : actorsOf(step);
}

function statusOf(state: CaseState, number: number) {
  return state.steps.find((step) => step.number === number)?.status ?? "BLOCKED";
}

export function stepTurn(definition: WorkflowDefinition, state: CaseState, step: StepDefinition): StepTurn {
  const status = statusOf(state, step.number);
  if (status === "DONE") return { stage: "done" };
  if (status === "CANCELLED" || state.status !== "OPEN")
    return { stage: status === "BLOCKED" ? "blocked" : "cancelled" };
  if (status === "BLOCKED") return { stage: "blocked" };
  if (step.waitsFor === "window-start")
    return { stage: "scheduled", at: state.windowStart, earlyBy: askedWhenReady(step) };
  return { stage: "turn", actors: actorsOf(step) };
}

/** The downtime agreement stays open for proposals after it is done, until the window it agreed on starts. */
function windowStillMovable(definition: WorkflowDefinition, state: CaseState): boolean {
  const scheduled = definition.steps.find((step) => step.waitsFor === "window-start");
  return (
    !!scheduled && statusOf(state, scheduled.number) === "READY" && !!state.windowStart && state.windowStart > state.now
  );
}

/** What a person holding `roles` may do on this step now (in the order forms show them). */
export function stepActions(
  definition: WorkflowDefinition,
  state: CaseState,
  step: StepDefinition,
  roles: readonly Role[],
): StepActionKind[] {
  if (state.status !== "OPEN") return [];
  const turn = stepTurn(definition, state, step);
  const holds = (candidates: readonly Role[]) => candidates.some((role) => roles.includes(role));
  if (turn.stage === "scheduled") return holds(turn.earlyBy) ? ["start-early"] : [];
  if (step.input === "downtime-window") {
    const open = turn.stage === "turn" || (turn.stage === "done" && windowStillMovable(definition, state));
    return open && holds(actorsOf(step)) ? ["propose-window", "accept-window"] : [];
  }
  if (turn.stage === "done" && step.input === "flow-node-grid" && state.gridStepsWithOpenCells.includes(step.number)) {
    return holds([step.role]) ? ["give-input"] : [];
  }
  if (turn.stage !== "turn" || !holds(turn.actors)) return [];
  return [step.input ? "give-input" : "confirm"];
}

/**
 * What a viewer may do on the case as a whole. Nodes and flows are added only where the procedure has a grid of them
 * (given the definition; without one, as the procedures that have grids).
 */
export function caseActions(
  state: Pick<CaseState, "status">,
  viewer: Viewer,
  definition?: WorkflowDefinition,
): CaseActionKind[] {
  const open = state.status === "OPEN";
  const owner = viewer.workspaceRole === "OWNER";
  const actions: CaseActionKind[] = [];
  const grids = !definition || stepTaking(definition, "flow-node-grid") !== undefined;
  if (
    open &&
    grids &&
    (owner || viewer.roles.includes("TENANT_ADMIN") || viewer.roles.includes("INTEGRATION_DEVELOPER"))
  )
    actions.push("add-nodes-flows");
  if (open && owner) actions.push("cancel-case");
  if (owner || viewer.roles.length > 0) actions.push("resend-mail");
  return actions;
}

/** Whether a proposal of `proposedAs` may be accepted by someone holding `roles`: the other side of the agreement. */
export function mayAcceptProposal(definition: WorkflowDefinition, proposedAs: Role, roles: readonly Role[]): boolean {
  const agreement = stepTaking(definition, "downtime-window");
  return !!agreement && actorsOf(agreement).some((role) => role !== proposedAs && roles.includes(role));
}

/** The side a person proposes windows as (the owner's side when they hold both). */
export function proposingSide(definition: WorkflowDefinition, roles: readonly Role[]): Role | null {
  const agreement = stepTaking(definition, "downtime-window");
  return agreement ? (actorsOf(agreement).find((role) => roles.includes(role)) ?? null) : null;
}

/** Everything a person may do on a case now, per step and for the case. */
export interface Allowed {
  steps: ReadonlyMap<number, readonly StepActionKind[]>;
  caseActions: readonly CaseActionKind[];
}

export function allowedFor(definition: WorkflowDefinition, state: CaseState, viewer: Viewer): Allowed {
  return {
    steps: new Map(definition.steps.map((step) => [step.number, stepActions(definition, state, step, viewer.roles)])),
    caseActions: caseActions(state, viewer, definition),
  };
}

/** A person's tasks on a case: the steps on which they may act now, with what waits for them there. */
export interface Task {
  step: StepDefinition;
  /** The role in which it is theirs (the first they hold). */
  role: Role;
  turn: StepTurn;
}

export function tasksOf(definition: WorkflowDefinition, state: CaseState, roles: readonly Role[]): Task[] {
  return definition.steps.flatMap((step) => {
    const turn = stepTurn(definition, state, step);
    const involved = turn.stage === "turn" ? turn.actors : turn.stage === "scheduled" ? turn.earlyBy : [];
    const role = involved.find((candidate) => roles.includes(candidate));
    return role ? [{ step, role, turn }] : [];
  });
}

/** The roles a step asks to act when it becomes ready (who is mailed, reminded, and finds it among their tasks). */
export function rolesAskedBy(definition: WorkflowDefinition, state: CaseState, step: StepDefinition): readonly Role[] {
  const turn = stepTurn(definition, state, step);
  return turn.stage === "turn" ? turn.actors : turn.stage === "scheduled" ? turn.earlyBy : [];
}

/** Why someone may not take an action on a step, in words for them; null when they may. */
export type Refusal = {
  code: "CASE_CLOSED" | "STEP_NOT_READY" | "NOT_YOUR_ROLE" | "STEP_IS_HANDOVER" | "CONFLICT";
  message: string;
};

export function refusalFor(
  definition: WorkflowDefinition,
  state: CaseState,
  step: StepDefinition,
  roles: readonly Role[],
  action: StepActionKind,
): Refusal | null {
  if (stepActions(definition, state, step, roles).includes(action)) return null;
  if (state.status !== "OPEN")
    return { code: "CASE_CLOSED", message: "This case is closed; its steps can no longer change." };
  const turn = stepTurn(definition, state, step);
  const wanted = action === "start-early" ? [step.role] : actorsOf(step);
  if (!givenByPerson(step) && action !== "start-early") {
    return {
      code: "STEP_IS_HANDOVER",
      message: `Step ${stepLabel(step)} is a hand-over: Renewal Desk performs it when the step before it is done.`,
    };
  }
  if (wanted.length > 0 && !wanted.some((role) => roles.includes(role))) {
    return {
      code: "NOT_YOUR_ROLE",
      message: `Step ${stepLabel(step)} belongs to the ${wanted.map((role) => ROLE_LABEL[role].toLowerCase()).join(" or the ")}, and you do not hold that role on this case.`,
    };
  }
  if (turn.stage === "blocked")
    return {
      code: "STEP_NOT_READY",
      message: `Step ${stepLabel(step)} is not ready yet: the steps before it come first.`,
    };
  if (turn.stage === "done")
    return { code: "CONFLICT", message: `Step ${stepLabel(step)} is already done. Nothing was changed.` };
  return { code: "STEP_NOT_READY", message: `Step ${stepLabel(step)} does not take that now.` };
}
