import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { describeAuditEvent } from "@/lib/audit/describe";
import type { AuditFilter } from "@/lib/audit/filter";
import { displayName } from "@/lib/people";
import { labelOfStep, workflowFor, type ProcedureId } from "@/lib/workflow/definitions";

/** Which events a filter keeps: one role's actions (by who held the role on the case) or one kind of event. */
function auditWhere(caseId: string, filter: AuditFilter): Prisma.AuditEventWhereInput {
  const where: Prisma.AuditEventWhereInput = { caseId };
  if (filter.group) where.kind = { startsWith: `${filter.group}.` };
  if (filter.role === "SYSTEM") where.actorId = null;
  else if (filter.role) where.actor = { participations: { some: { caseId, role: filter.role } } };
  return where;
}

const auditRowSource = { actor: { select: { name: true, email: true } } } as const;

/** Names steps as the case's procedure does, when the caller knows it. */
function stepLabeller(procedure?: ProcedureId) {
  return procedure ? (number: number) => labelOfStep(workflowFor(procedure), number) : String;
}

function toAuditRow(
  event: Prisma.AuditEventGetPayload<{ include: typeof auditRowSource }>,
  label: (stepNumber: number) => string,
) {
  return {
    id: event.id,
    at: event.createdAt,
    kind: event.kind,
    stepNumber: event.stepNumber,
    channel: event.channel,
    actor: displayName(event.actor, "Renewal Desk"),
    actorEmail: event.actor?.email ?? null,
    description: describeAuditEvent(event.kind, event.stepNumber, (event.data ?? {}) as Record<string, unknown>, label),
    data: event.data,
  };
}

/** The most events read for one case at once; a renewal records well under a thousand. */
export const AUDIT_TRAIL_MAX_EVENTS = 10_000;

/** The whole trail, oldest first (exports and the auditors' report). */
export async function loadAuditTrail(caseId: string, filter: AuditFilter = {}, procedure?: ProcedureId) {
  // Exports name steps as the case's procedure does too; the report passes the procedure it already has.
  const named =
    procedure ?? (await db().case.findUnique({ where: { id: caseId }, select: { procedure: true } }))?.procedure;
  const events = await db().auditEvent.findMany({
    where: auditWhere(caseId, filter),
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: AUDIT_TRAIL_MAX_EVENTS,
    include: auditRowSource,
  });
  const label = stepLabeller(named);
  return events.map((event) => toAuditRow(event, label));
}

/** The latest `limit` events, oldest first, and how many there are in all (the case page). */
export async function loadLatestAuditEvents(
  caseId: string,
  filter: AuditFilter,
  limit: number,
  procedure?: ProcedureId,
) {
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
  const label = stepLabeller(procedure);
  return { total, rows: latest.reverse().map((event) => toAuditRow(event, label)) };
}

export type AuditRow = Awaited<ReturnType<typeof loadAuditTrail>>[number];
