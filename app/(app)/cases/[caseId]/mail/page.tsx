import type { Metadata } from "next";
import { requireUserOrRedirect } from "@/lib/auth/session";
import { loadCaseView } from "@/lib/workflow/queries/case-view";
import { caseMail } from "@/lib/mail/queries/case-mail";
import { CaseHeader } from "@/components/case/case-header";
import { CaseMail } from "@/components/case/case-mail";

export const metadata: Metadata = { title: "Case e-mail" };

/** Every message the case sent, its delivery, and re-sending a failed one. */
export default async function CaseMailPage({ params }: { params: Promise<{ caseId: string }> }) {
  const { caseId } = await params;
  const user = await requireUserOrRedirect(`/cases/${caseId}/mail`);
  const view = await loadCaseView(user.id, caseId);
  const mails = await caseMail(view.detail.id);
  return (
    <>
      <CaseHeader view={view} section="mail" />
      <CaseMail
        caseId={view.detail.id}
        mails={mails}
        canResend={view.caseActions.includes("resend-mail")}
        zone={view.zone}
      />
    </>
  );
}
