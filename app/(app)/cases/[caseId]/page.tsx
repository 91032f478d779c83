import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { requireUserOrRedirect } from "@/lib/auth/session";
import { loadCaseProcedure, loadCaseViewWithProcedure } from "@/lib/workflow/queries/case-view";
import { CaseHeader } from "@/components/case/case-header";
import { CaseFacts } from "@/components/case/case-facts";
import { StepList } from "@/components/case/step-list";
import { Swimlane } from "@/components/case/swimlane/swimlane";
import { AddNodesForm } from "@/components/steps/add-nodes-form";
import { deployedFlowsForCase } from "@/lib/tenant/queries/deployed-flows";
import { CancelCaseForm } from "@/components/case/cancel-case-form";
import { Notice } from "@/components/ui/notice";
import { Time } from "@/components/ui/time";

export const metadata: Metadata = { title: "Case" };

/** Where the case stands and what is the viewer's to do: the people, the current step, every step with its input. */
export default async function CasePage({
  params,
  searchParams,
}: {
  params: Promise<{ caseId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { caseId } = await params;
  // The audit trail's filters used to live on this page: such links now open the audit section.
  const query = await searchParams;
  const auditQuery = Object.entries(query).filter(
    (entry): entry is [string, string] => ["role", "kind", "audit"].includes(entry[0]) && typeof entry[1] === "string",
  );
  if (auditQuery.length > 0) redirect(`/cases/${encodeURIComponent(caseId)}/audit?${new URLSearchParams(auditQuery)}`);
  const user = await requireUserOrRedirect(`/cases/${caseId}`);
  const view = await loadCaseViewWithProcedure(user.id, caseId);
  const procedure = await loadCaseProcedure(view);
  const { detail } = view;
  return (
    <>
      <CaseHeader view={view} section="steps" />
      <CaseFacts detail={detail} />
      <section aria-labelledby="steps-heading" className="space-y-3">
        <h2 id="steps-heading" className="text-xl font-semibold">
          Steps
        </h2>
        <Swimlane procedure={detail.procedure} steps={detail.steps} zone={view.zone} />
        {procedure.keystoreReplacedAt && procedure.oldCertificateMayBeUsedUntil ? (
          <Notice tone="warning">
            The keystore was changed on <Time value={procedure.keystoreReplacedAt} />. Runtime nodes whose flows have
            not been restarted may keep presenting the old certificate until{" "}
            <Time value={procedure.oldCertificateMayBeUsedUntil} /> (the TLS client caches the keystore for 24 hours).
          </Notice>
        ) : null}
        <StepList view={view} procedure={procedure} />
        {view.caseActions.includes("add-nodes-flows") ? (
          <AddNodesForm
            caseId={detail.id}
            tenant={detail.tenant?.name}
            deployed={query.deployedFlows === "1" ? await deployedFlowsForCase(detail.id) : null}
          />
        ) : null}
      </section>
      {view.caseActions.includes("cancel-case") ? <CancelCaseForm caseId={detail.id} /> : null}
    </>
  );
}
