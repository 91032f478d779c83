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
  tasks: InboxTask[];
  waiting: WaitingItem[];
  recentlyDone: DoneItem[];
  countsByRole: Record<Role, number>;
}

/** What is the person's to do, what they wait for, and what just happened, across all their open cases. */
export async function loadInbox(userId: string): Promise<Inbox> {
  const participations = await db().participant.findMany({
    where: { userId, case: { status: "OPEN" } },
    select: { caseId: true, role: true },
  });
  const rolesByCase = new Map<string, Role[]>();
  for (const { caseId, role } of participations) rolesByCase.set(caseId, [...(rolesByCase.get(caseId) ?? []), role]);
  const caseIds = [...rolesByCase.keys()];

  const [readySteps, recent] = await Promise.all([
    db().step.findMany({
      where: { caseId: { in: caseIds }, status: "READY" },
      orderBy: { readyAt: "asc" },
      select: {
        number: true, role: true, readyAt: true,
        case: {
          select: {
            id: true, title: true, receiverSystem: true, variant: true,
            participants: { select: { role: true, user: { select: { name: true, email: true } } } },
          },
        },
      },
    }),
    db().step.findMany({
      where: { case: { participants: { some: { userId } } }, status: "DONE", completedAt: { gte: new Date(Date.now() - 14 * 86_400_000) } },
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
  const waiting: WaitingItem[] = [];
  for (const step of readySteps) {
    const item: InboxTask = {
      caseId: step.case.id,
      caseTitle: step.case.title,
      receiverSystem: step.case.receiverSystem,
      stepNumber: step.number,
      stepTitle: workflowFor(step.case.variant).steps[step.number - 1]?.title ?? `Step ${step.number}`,
      role: step.role,
      waitingSince: step.readyAt ?? new Date(0),
    };
    if (rolesByCase.get(step.case.id)?.includes(step.role)) tasks.push(item);
    else {
      const holders = step.case.participants.filter((participant) => participant.role === step.role);
      waiting.push({ ...item, waitingOn: holders.map((holder) => holder.user.name ?? holder.user.email) });
    }
  }

  const countsByRole = Object.fromEntries(ROLES.map((role) => [role, tasks.filter((task) => task.role === role).length])) as Record<Role, number>;
  const recentlyDone: DoneItem[] = recent.map((step) => ({
    caseId: step.case.id,
    caseTitle: step.case.title,
    stepNumber: step.number,
    stepTitle: workflowFor(step.case.variant).steps[step.number - 1]?.title ?? `Step ${step.number}`,
    completedAt: step.completedAt ?? new Date(0),
    completedBy: step.channel === "SYSTEM" ? "Renewal Desk" : (step.completedBy?.name ?? step.completedBy?.email ?? "unknown"),
  }));
  return { tasks, waiting, recentlyDone, countsByRole };
}
