import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Channel } from "@/lib/generated/prisma/enums";
import { forgetOverview } from "@/lib/workspaces/queries/overview-cache";

export type AuditKind =
  | "case.created"
  | "case.completed"
  | "case.cancelled"
  | "case.procedure_changed"
  | "participant.added"
  | "step.completed"
  | "step.handed_over"
  | "step.ready"
  | "mail.queued"
  | "mail.sent"
  | "mail.failed"
  | "mail.resent"
  | "mail.suppressed"
  | "mail.opted_out"
  | "mail.opted_in"
  | "step.reminded"
  | "step.escalated"
  | "workspace.created"
  | "tenant.connected"
  | "tenant.tested"
  | "tenant.entry_changed"
  | "tenant.entry_expiring"
  | "case.changed"
  | "grid.confirmed"
  | "checklist.ticked"
  | "checklist.item_added"
  | "old_root.decided"
  | "window.proposed"
  | "window.accepted"
  | "window.started"
  | "window.overdue"
  | "cut_over.at_risk"
  | "certificate.uploaded"
  | "certificate.downloaded"
  | "certificate.fingerprint_checked";

export interface AuditEntry {
  workspaceId: string;
  caseId?: string;
  kind: AuditKind;
  actorId?: string | null;
  channel: Channel;
  stepNumber?: number;
  data?: Prisma.InputJsonObject;
}

/** Audit events are written in the same transaction as the change they describe. */
export async function recordAudit(tx: Prisma.TransactionClient, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  for (const workspaceId of new Set(entries.map((entry) => entry.workspaceId))) forgetOverview(workspaceId);
  const now = new Date();
  await tx.auditEvent.createMany({
    // Same timestamp base, one millisecond apart, so the order of events in one transaction is kept.
    data: entries.map((entry, index) => ({
      workspaceId: entry.workspaceId,
      caseId: entry.caseId ?? null,
      kind: entry.kind,
      actorId: entry.actorId ?? null,
      channel: entry.channel,
      stepNumber: entry.stepNumber ?? null,
      data: entry.data ?? {},
      createdAt: new Date(now.getTime() + index),
    })),
  });
}
