import Link from "next/link";
import { AUDIT_GROUPS, type AuditFilter } from "@/lib/audit/filter";
import type { AuditRow } from "@/lib/audit/queries/trail";
import { CHANNEL_LABEL } from "@/lib/workflow/labels";
import { ROLES, ROLE_LABEL } from "@/lib/workflow/roles";
import { TimeIn } from "@/components/ui/time";

const GROUP_LABEL: Record<(typeof AUDIT_GROUPS)[number], string> = {
  case: "Case",
  participant: "Participants",
  step: "Steps",
  certificate: "Certificates",
  mail: "E-mail",
  window: "Downtime window",
  grid: "Nodes and flows",
  checklist: "Receiver tasks",
  old_root: "Old root CA",
};

/** The audit trail with its filters (a plain GET form, so a filtered view can be linked) and its exports. */
export function AuditTimeline({
  caseId,
  rows,
  total,
  filter,
  zone,
}: {
  caseId: string;
  rows: AuditRow[];
  total: number;
  filter: AuditFilter;
  zone: string;
}) {
  const query = new URLSearchParams({
    ...(filter.role ? { role: filter.role } : {}),
    ...(filter.group ? { kind: filter.group } : {}),
  });
  return (
    <div className="space-y-3">
      <form className="flex flex-wrap items-end gap-3 text-sm" action={`/cases/${caseId}/audit`}>
        <label className="flex flex-col">
          Role
          <select name="role" defaultValue={filter.role ?? ""} className="rounded border border-slate-300 px-2 py-1">
            <option value="">Everyone</option>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABEL[role]}
              </option>
            ))}
            <option value="SYSTEM">Renewal Desk (system)</option>
          </select>
        </label>
        <label className="flex flex-col">
          Kind
          <select name="kind" defaultValue={filter.group ?? ""} className="rounded border border-slate-300 px-2 py-1">
            <option value="">All kinds</option>
            {AUDIT_GROUPS.map((group) => (
              <option key={group} value={group}>
                {GROUP_LABEL[group]}
              </option>
            ))}
          </select>
        </label>
        <button className="rounded border border-slate-300 bg-white px-3 py-1">Filter</button>
        <span className="ml-auto flex gap-3">
          <Link href={`/cases/${caseId}/audit/export?format=csv&${query}`} prefetch={false}>
            Export CSV
          </Link>
          <Link href={`/cases/${caseId}/audit/export?format=json&${query}`} prefetch={false}>
            Export JSON
          </Link>
        </span>
      </form>
      {rows.length < total ? (
        <p className="text-sm text-slate-700" data-testid="audit-truncated">
          The latest {rows.length} of {total} events are shown.{" "}
          <Link href={`/cases/${caseId}/audit?${new URLSearchParams({ ...Object.fromEntries(query), audit: "all" })}`}>
            Show all events
          </Link>
        </p>
      ) : null}
      <ol className="space-y-1 text-sm" aria-label="Audit trail">
        {rows.map((row) => (
          <li
            key={row.id}
            className="grid grid-cols-[13rem_1fr] gap-2 border-b border-slate-100 py-1"
            data-kind={row.kind}
          >
            <TimeIn value={row.at} zone={zone} />
            <span>
              {row.description}
              <span className="text-slate-500">
                {" "}
                — {row.actor} · {CHANNEL_LABEL[row.channel]}
              </span>
            </span>
          </li>
        ))}
        {rows.length === 0 ? <li className="text-slate-600">No events match the filter.</li> : null}
      </ol>
    </div>
  );
}
