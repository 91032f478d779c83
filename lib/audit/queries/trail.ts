import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { describeAuditEvent } from "@/lib/audit/describe";
import type { AuditFilter } from "@/lib/audit/filter";
import { displayName } from "@/lib/people";

/** Which events a filter keeps: one role's actions (by who held the role on the case) or one kind of event. */
function auditWhere(caseId: string, filter: AuditFilter): Prisma.AuditEventWhereInput {
  const where: Prisma.AuditEventWhereInput = { caseId };
  if (filter.group) where.kind = { startsWith: `${filter.group}.` };
  if (filter.role === "SYSTEM") where.actorId = null;
  else if (filter.role) where.actor = { participations: { some: { caseId, role: filter.role } } };
  return where;
}

const auditRowSource = { actor: { select: { name: true, email: true } } } as const;

function toAuditRow(event: Prisma.AuditEventGetPayload<{ include: typeof auditRowSource }>) {
  return {
    id: event.id,
    at: event.createdAt,
    kind: event.kind,
    stepNumber: event.stepNumber,
    channel: event.channel,
    actor: displayName(event.actor, "Renewal Desk"),
    actorEmail: event.actor?.email ?? null,
    description: describeAuditEvent(event.kind, event.stepNumber, (event.data ?? {}) as Record<string, unknown>),
    data: event.data,
  };
}

/** The most events read for one case at once; a renewal records well under a thousand. */
export const AUDIT_TRAIL_MAX_EVENTS = 10_000;

/** The whole trail, oldest first (exports and the auditors' report). */
export async function loadAuditTrail(caseId: string, filter: AuditFilter = {}) {
  const events = await db().auditEvent.findMany({
    where: auditWhere(caseId, filter),
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: AUDIT_TRAIL_MAX_EVENTS,
    include: auditRowSource,
  });
  return events.map(toAuditRow);
}

/** The latest `limit` events, oldest first, and how many there are in all (the case page). */
export async function loadLatestAuditEvents(caseId: string, filter: AuditFilter, limit: number) {
  const where = auditWhere(caseId, filter);
  const [total, latest] = await Promise.all([
    db().auditEvent.count({ where }),
    db().auditEvent.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit,
      include: auditRowSource,
    }),
  ]);
  return { total, rows: latest.reverse().map(toAuditRow) };
}

export type AuditRow = Awaited<ReturnType<typeof loadAuditTrail>>[number];
