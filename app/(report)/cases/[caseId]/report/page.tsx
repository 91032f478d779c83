import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireUserOrRedirect } from "@/lib/auth/session";
import { caseAccess } from "@/lib/auth/access";
import { AppError } from "@/lib/errors";
import { loadCaseDetail } from "@/lib/workflow/queries/case-detail";
import { loadProcedureDetails } from "@/lib/workflow/queries/procedure-details";
import { latestUploads } from "@/lib/certificates/store/case-certificates";
import { loadAuditTrail } from "@/lib/audit/trail";
import { viewerTimeZone } from "@/lib/time/viewer";
import { CaseReport } from "@/components/report/case-report";

export const metadata: Metadata = { title: "Case report" };

export default async function CaseReportPage({ params }: { params: Promise<{ caseId: string }> }) {
  const { caseId } = await params;
  const user = await requireUserOrRedirect(`/cases/${caseId}/report`);
  try {
    await caseAccess(user.id, caseId);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const [detail, details, uploads, audit, zone] = await Promise.all([
    loadCaseDetail(caseId), loadProcedureDetails(caseId), latestUploads(caseId), loadAuditTrail(caseId), viewerTimeZone(),
  ]);
  return <CaseReport detail={detail} details={details} uploads={uploads} audit={audit} zone={zone} printedAt={new Date()} />;
}
