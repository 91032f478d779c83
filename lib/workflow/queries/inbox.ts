import "server-only";
import { db } from "@/lib/db";
import { ROLES, type Role } from "../roles";
import { workflowFor } from "../definitions";

export interface InboxTask {
  caseId: string;
  caseTitle: string;
  receiverSystem: string;
  stepNumber: number;
  stepTitle: string;
  role: Role;
  waitingSince: Date;
}

export interface WaitingItem extends InboxTask {
  /** The people who hold the role the case is waiting for. */
  waitingOn: string[];
}

export interface DoneItem {
  caseId: string;
  caseTitle: string;
  stepNumber: number;
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

const stepTitle = (variant: "A" | "B", number: number) => workflowFor(variant).steps[number - 1]?.title ?? `Step ${number}`;

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
      select: { number: true, role: true, readyAt: true, case: { select: { id: true, title: true, receiverSystem: true, variant: true } } },
    }),
    db().step.findMany({
      where: { status: "DONE", completedAt: { gte: new Date(Date.now() - 14 * 86_400_000) }, case: { participants: { some: { userId } } } },
      orderBy: { completedAt: "desc" },
      take: 10,
      select: {
        number: true, completedAt: true, channel: true,
        completedBy: { select: { name: true, email: true } },
        case: { select: { id: true, title: true, variant: true } },
      },
    }),
  ]);

  const tasks: InboxTask[] = [];
  const others: InboxTask[] = [];
  for (const step of readySteps) {
    const item: InboxTask = {
      caseId: step.case.id,
      caseTitle: step.case.title,
      receiverSystem: step.case.receiverSystem,
      stepNumber: step.number,
      stepTitle: stepTitle(step.case.variant, step.number),
      role: step.role,
      waitingSince: step.readyAt ?? new Date(0),
    };
    (rolesByCase.get(step.case.id)?.includes(step.role) ? tasks : others).push(item);
  }
  const shownWaiting = others.slice(0, limits.waiting);
  const countsByRole = Object.fromEntries(ROLES.map((role) => [role, tasks.filter((task) => task.role === role).length])) as Record<Role, number>;
  const recentlyDone: DoneItem[] = recent.map((step) => ({
    caseId: step.case.id,
    caseTitle: step.case.title,
    stepNumber: step.number,
    stepTitle: stepTitle(step.case.variant, step.number),
    completedAt: step.completedAt ?? new Date(0),
    completedBy: step.channel === "SYSTEM" ? "Renewal Desk" : (step.completedBy?.name ?? step.completedBy?.email ?? "unknown"),
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
async function withHolders(items: InboxTask[]): Promise<WaitingItem[]> {
  if (items.length === 0) return [];
  const holders = await db().participant.findMany({
    where: { caseId: { in: items.map((item) => item.caseId) } },
    orderBy: { createdAt: "asc" },
    select: { caseId: true, role: true, user: { select: { name: true, email: true } } },
  });
  return items.map((item) => ({
    ...item,
    waitingOn: holders.filter((holder) => holder.caseId === item.caseId && holder.role === item.role).map((holder) => holder.user.name ?? holder.user.email),
  }));
}
