import type { Metadata } from "next";
import { requireUserOrRedirect } from "@/lib/auth/session";
import { loadCaseProcedure, loadCaseViewWithProcedure } from "@/lib/workflow/queries/case-view";
import { latestUploads } from "@/lib/certificates/queries/case-certificates";
import { loadAuditTrail } from "@/lib/audit/queries/trail";
import { CaseReport } from "@/components/report/case-report";

export const metadata: Metadata = { title: "Case report" };

/** The auditors' report: the whole case on one printable page, with the complete trail. */
export default async function CaseReportPage({ params }: { params: Promise<{ caseId: string }> }) {
  const { caseId } = await params;
  const user = await requireUserOrRedirect(`/cases/${caseId}/report`);
  const view = await loadCaseViewWithProcedure(user.id, caseId);
  const [procedure, uploads, audit] = await Promise.all([
    loadCaseProcedure(view),
    latestUploads(view.detail.id),
    loadAuditTrail(view.detail.id, {}, view.detail.procedure),
  ]);
  return (
    <CaseReport
      detail={view.detail}
      details={procedure.details}
      uploads={uploads}
      audit={audit}
      zone={view.zone}
      printedAt={view.now}
    />
  );
}
