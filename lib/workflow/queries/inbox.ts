import "server-only";
import { db } from "@/lib/db";
import { ROLES, type Role } from "../roles";
import { labelOfStep, stepDefinition, workflowFor, type ProcedureId } from "../definitions";
import { stepTurn } from "../turn";
import { caseStateOf } from "../case-state";
import { completedByName, displayName } from "@/lib/people";

export interface InboxTask {
  caseId: string;
  caseTitle: string;
  receiverSystem: string;
  stepNumber: number;
  /** The step as the vendor's guide numbers it ("4a"). */
  stepLabel: string;
  stepTitle: string;
  /** The role the step asks for (for a task, the one the person holds). */
  role: Role;
  waitingSince: Date;
  /** Set for a step the app performs at a moment (the window's start; null while none is agreed). */
  scheduledAt?: Date | null;
}

export interface WaitingItem extends InboxTask {
  /** The people who hold a role the case is waiting for. */
  waitingOn: string[];
  /** The roles the step asks for. */
  roles: Role[];
}

export interface DoneItem {
  caseId: string;
  caseTitle: string;
  stepNumber: number;
  /** The step as the vendor's guide numbers it ("4a"). */
  stepLabel: string;
  stepTitle: string;
  completedAt: Date;
  completedBy: string;
}

export interface Inbox {
  /** The person's tasks, oldest first; at most `limits.tasks` of them. */
  tasks: InboxTask[];
  taskCount: number;
  /** Steps of the person's open cases that others must do, oldest first; at most `limits.waiting`. */
  waiting: WaitingItem[];
  waitingCount: number;
  recentlyDone: DoneItem[];
  countsByRole: Record<Role, number>;
}

export interface InboxLimits {
  tasks: number;
  waiting: number;
}

/** Enough for a day's work at a glance; the page offers the rest on request. */
export const INBOX_LIMITS: InboxLimits = { tasks: 50, waiting: 20 };

function stepNamed(procedure: ProcedureId, number: number) {
  return {
    stepLabel: labelOfStep(workflowFor(procedure), number),
    stepTitle: stepDefinition(procedure, number)?.title ?? `Step ${number}`,
  };
}

/** What is the person's to do, what they wait for, and what just happened, across all their open cases. */
export async function loadInbox(userId: string, limits: InboxLimits = INBOX_LIMITS): Promise<Inbox> {
  const participations = await db().participant.findMany({
    where: { userId, case: { status: "OPEN" } },
    select: { caseId: true, role: true },
  });
  const rolesByCase = new Map<string, Role[]>();
  for (const { caseId, role } of participations) rolesByCase.set(caseId, [...(rolesByCase.get(caseId) ?? []), role]);

  const [readySteps, recent] = await Promise.all([
    db().step.findMany({
      where: { caseId: { in: [...rolesByCase.keys()] }, status: "READY" },
      orderBy: [{ readyAt: "asc" }, { id: "asc" }],
      select: {
        number: true,
        readyAt: true,
        case: {
          select: { id: true, title: true, receiverSystem: true, procedure: true, status: true, windowStart: true },
        },
      },
    }),
    db().step.findMany({
      where: {
        status: "DONE",
        completedAt: { gte: new Date(Date.now() - 14 * 86_400_000) },
        case: { participants: { some: { userId } } },
      },
      orderBy: { completedAt: "desc" },
      take: 10,
      select: {
        number: true,
        completedAt: true,
        channel: true,
        completedBy: { select: { name: true, email: true } },
        case: { select: { id: true, title: true, procedure: true } },
      },
    }),
  ]);

  const tasks: InboxTask[] = [];
  const others: (InboxTask & { roles: Role[] })[] = [];
  const now = new Date();
  for (const step of readySteps) {
    // The rule of who may act (lib/workflow/turn.ts) decides, from this ready step, whose task it is.
    const definition = workflowFor(step.case.procedure);
    const state = caseStateOf(
      { ...step.case, steps: [{ number: step.number, status: "READY" }], integrationFlows: [], runtimeNodes: [] },
      now,
    );
    const turn = stepTurn(definition, state, stepDefinition(step.case.procedure, step.number)!);
    const asked = turn.stage === "turn" ? turn.actors : turn.stage === "scheduled" ? turn.earlyBy : [];
    if (asked.length === 0) continue;
    const held = asked.find((role) => rolesByCase.get(step.case.id)?.includes(role));
    const item: InboxTask = {
      caseId: step.case.id,
      caseTitle: step.case.title,
      receiverSystem: step.case.receiverSystem,
      stepNumber: step.number,
      ...stepNamed(step.case.procedure, step.number),
      role: held ?? asked[0]!,
      waitingSince: step.readyAt ?? new Date(0),
      ...(turn.stage === "scheduled" ? { scheduledAt: turn.at } : {}),
    };
    if (held) tasks.push(item);
    else others.push({ ...item, roles: [...asked] });
  }
  const shownWaiting = others.slice(0, limits.waiting);
  const countsByRole = Object.fromEntries(
    ROLES.map((role) => [role, tasks.filter((task) => task.role === role).length]),
  ) as Record<Role, number>;
  const recentlyDone: DoneItem[] = recent.map((step) => ({
    caseId: step.case.id,
    caseTitle: step.case.title,
    stepNumber: step.number,
    ...stepNamed(step.case.procedure, step.number),
    completedAt: step.completedAt ?? new Date(0),
    completedBy: completedByName(step),
  }));
  return {
    tasks: tasks.slice(0, limits.tasks),
    taskCount: tasks.length,
    waiting: await withHolders(shownWaiting),
    waitingCount: others.length,
    recentlyDone,
    countsByRole,
  };
}

/** Names the people each shown step waits on (only for the rows shown: a busy person has hundreds). */
async function withHolders(items: (InboxTask & { roles: Role[] })[]): Promise<WaitingItem[]> {
  if (items.length === 0) return [];
  const holders = await db().participant.findMany({
    where: { caseId: { in: items.map((item) => item.caseId) } },
    orderBy: { createdAt: "asc" },
    select: { caseId: true, role: true, user: { select: { name: true, email: true } } },
  });
  return items.map((item) => ({
    ...item,
    waitingOn: [
      ...new Set(
        holders
          .filter((holder) => holder.caseId === item.caseId && item.roles.includes(holder.role))
          .map((holder) => displayName(holder.user)),
      ),
    ],
  }));
}
