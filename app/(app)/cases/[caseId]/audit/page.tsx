import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { requireUserOrRedirect } from "@/lib/auth/session";
import { loadCaseView } from "@/lib/workflow/queries/case-view";
import { parseAuditFilter } from "@/lib/audit/filter";
import { AUDIT_TRAIL_MAX_EVENTS, loadLatestAuditEvents } from "@/lib/audit/queries/trail";
import { CaseHeader } from "@/components/case/case-header";
import { AuditTimeline } from "@/components/case/audit-timeline";

export const metadata: Metadata = { title: "Case audit trail" };

// The latest events answer "what just happened"; "show all", the exports and the report have the rest.
const AUDIT_EVENTS_SHOWN = 50;

type Query = { role?: string; kind?: string; audit?: string; format?: string };

/** The audit trail, filtered by role and kind in the URL. `?format=csv|json` (the exports' first address) still downloads. */
export default async function CaseAuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ caseId: string }>;
  searchParams: Promise<Query>;
}) {
  const { caseId } = await params;
  const query = await searchParams;
  if (query.format === "csv" || query.format === "json") {
    const kept = new URLSearchParams(
      Object.entries(query).filter(
        ([key, value]) => ["format", "role", "kind"].includes(key) && typeof value === "string",
      ) as [string, string][],
    );
    redirect(`/cases/${encodeURIComponent(caseId)}/audit/export?${kept}`);
  }
  const user = await requireUserOrRedirect(`/cases/${caseId}/audit`);
  const view = await loadCaseView(user.id, caseId);
  const filter = parseAuditFilter(query);
  const audit = await loadLatestAuditEvents(
    view.detail.id,
    filter,
    query.audit === "all" ? AUDIT_TRAIL_MAX_EVENTS : AUDIT_EVENTS_SHOWN,
    view.detail.procedure,
  );
  return (
    <>
      <CaseHeader view={view} section="audit" />
      <section aria-labelledby="audit-heading" className="space-y-3">
        <h2 id="audit-heading" className="text-xl font-semibold">
          Audit trail
        </h2>
        <AuditTimeline caseId={view.detail.id} rows={audit.rows} total={audit.total} filter={filter} zone={view.zone} />
      </section>
    </>
  );
}
