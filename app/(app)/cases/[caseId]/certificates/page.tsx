import type { Metadata } from "next";
import { requireUserOrRedirect } from "@/lib/auth/session";
import { loadCaseView } from "@/lib/workflow/queries/case-view";
import { latestUploads } from "@/lib/certificates/queries/case-certificates";
import { CaseHeader } from "@/components/case/case-header";
import { CertificatesPanel } from "@/components/certificates/certificates-panel";

export const metadata: Metadata = { title: "Case certificates" };

/** The case's old and new certificates: cards, chain, findings, downloads and the fingerprint check. */
export default async function CaseCertificatesPage({ params }: { params: Promise<{ caseId: string }> }) {
  const { caseId } = await params;
  const user = await requireUserOrRedirect(`/cases/${caseId}/certificates`);
  const view = await loadCaseView(user.id, caseId);
  const uploads = await latestUploads(view.detail.id);
  return (
    <>
      <CaseHeader view={view} section="certificates" />
      <CertificatesPanel caseId={view.detail.id} uploads={uploads} purpose={view.definition.certificate.purpose} />
    </>
  );
}
