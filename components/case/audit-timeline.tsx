import { describeAuditEvent } from "@/lib/audit/describe";
import { CHANNEL_LABEL } from "@/lib/workflow/labels";
import type { CaseDetail } from "@/lib/workflow/queries/case-detail";
import { Time } from "@/components/ui/time";

export function AuditTimeline({ events }: { events: CaseDetail["auditEvents"] }) {
  return (
    <ol className="space-y-1 text-sm" aria-label="Audit trail">
      {events.map((event) => (
        <li key={event.id} className="grid grid-cols-[11rem_1fr] gap-2 border-b border-slate-100 py-1">
          <Time value={event.createdAt} />
          <span>
            {describeAuditEvent(event.kind, event.stepNumber, (event.data ?? {}) as Record<string, unknown>)}
            <span className="text-slate-500">
              {" "}
              — {event.actor ? (event.actor.name ?? event.actor.email) : "Renewal Desk"} · {CHANNEL_LABEL[event.channel]}
            </span>
          </span>
        </li>
      ))}
    </ol>
  );
}
