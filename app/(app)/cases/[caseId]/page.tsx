import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireUserOrRedirect } from "@/lib/auth/session";
import { caseAccess } from "@/lib/auth/access";
import { AppError } from "@/lib/errors";
import { loadCaseDetail } from "@/lib/workflow/queries/case-detail";
import { ROLE_LABEL } from "@/lib/workflow";
import { CaseFacts } from "@/components/case/case-facts";
import { StepList } from "@/components/case/step-list";
import { AuditTimeline } from "@/components/case/audit-timeline";
import { AUDIT_TRAIL_MAX_EVENTS, loadLatestAuditEvents, parseAuditFilter } from "@/lib/audit/trail";
import { CancelCaseForm } from "@/components/case/cancel-case-form";
import { CurrentStepBanner } from "@/components/case/current-step-banner";
import { CaseMail } from "@/components/case/case-mail";
import { caseMail } from "@/lib/mail/resend";
import { latestUploads } from "@/lib/certificates/store/case-certificates";
import { CertificatesPanel } from "@/components/certificates/certificates-panel";
import { Swimlane } from "@/components/case/swimlane";
import { AddNodesForm } from "@/components/steps/add-nodes-form";
import { loadProcedureDetails } from "@/lib/workflow/queries/procedure-details";
import { oldCertificateMayBeUsedUntil, restartsBlockingCleanUp } from "@/lib/workflow/grid";
import { viewerTimeZone } from "@/lib/time/viewer";
import type { StepContext } from "@/components/case/step-action";
import { Notice } from "@/components/ui/notice";
import { Time } from "@/components/ui/time";
import Link from "next/link";

export const metadata: Metadata = { title: "Case" };

// The latest events answer "what just happened"; the full trail is one click away, in the exports and the report.
const AUDIT_EVENTS_SHOWN = 25;

async function accessOrNotFound(userId: string, caseId: string) {
  try {
    return await caseAccess(userId, caseId);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

export default async function CasePage({
  params,
  searchParams,
}: {
  params: Promise<{ caseId: string }>;
  searchParams: Promise<{ role?: string; kind?: string; audit?: string }>;
}) {
  const { caseId } = await params;
  const query = await searchParams;
  const auditFilter = parseAuditFilter(query);
  const auditLimit = query.audit === "all" ? AUDIT_TRAIL_MAX_EVENTS : AUDIT_EVENTS_SHOWN;
  const user = await requireUserOrRedirect(`/cases/${caseId}`);
  const access = await accessOrNotFound(user.id, caseId);
  const [detail, mails, uploads, details, zone, audit] = await Promise.all([
    loadCaseDetail(caseId), caseMail(caseId), latestUploads(caseId), loadProcedureDetails(caseId), viewerTimeZone(),
    loadLatestAuditEvents(caseId, auditFilter, auditLimit),
  ]);
  const open = detail.status === "OPEN";
  const restartsMissing = restartsBlockingCleanUp(detail.variant, detail.integrationFlows, detail.runtimeNodes, details.confirmations);
  const context: StepContext = { detail, details, viewerRoles: access.roles, zone, restartsMissing, now: new Date() };
  const keystoreReplaced = detail.steps.find((step) => step.key === "replace-keystore-entry" && step.status === "DONE")?.completedAt;
  const restartKeys = ["restart-flows"];
  const restartsDone = detail.steps.filter((step) => restartKeys.includes(step.key)).every((step) => step.status === "DONE") && restartsMissing.length === 0;

  return (
    <>
      <header className="space-y-2">
        <p className="text-sm text-slate-600">
          <Link href="/cases">Cases</Link> / {detail.workspace.name}
        </p>
        <div className="flex flex-wrap items-baseline gap-4">
          <h1 className="text-2xl font-bold">{detail.title}</h1>
          <Link href={`/cases/${detail.id}/report`} className="text-sm">
            Report for auditors
          </Link>
        </div>
        <p className="text-sm" data-testid="viewer-roles">
          {access.roles.length > 0
            ? `You take part as ${access.roles.map((role) => ROLE_LABEL[role].toLowerCase()).join(" and ")}.`
            : "You follow this case as a member of the workspace; you hold no role in it."}
        </p>
        <CurrentStepBanner variant={detail.variant} steps={detail.steps} participants={detail.participants} viewerRoles={access.roles} />
        {detail.status === "COMPLETED" ? (
          <Notice tone="success">
            This renewal was completed on <Time value={detail.closedAt} />.
          </Notice>
        ) : null}
        {detail.status === "CANCELLED" ? (
          <Notice tone="warning">
            This case was cancelled on <Time value={detail.closedAt} />. Reason: {detail.cancelReason}
          </Notice>
        ) : null}
      </header>

      <CaseFacts detail={detail} />

      <section aria-labelledby="steps-heading" className="space-y-3">
        <h2 id="steps-heading" className="text-xl font-semibold">
          Steps
        </h2>
        <Swimlane variant={detail.variant} steps={detail.steps} zone={zone} />
        {keystoreReplaced && !restartsDone ? (
          <Notice tone="warning">
            The keystore was changed on <Time value={keystoreReplaced} />. Runtime nodes whose flows have not been restarted may keep presenting the
            old certificate until <Time value={oldCertificateMayBeUsedUntil(keystoreReplaced)} /> (the TLS client caches the keystore for 24 hours).
          </Notice>
        ) : null}
        <StepList context={context} />
        {open && (access.roles.length > 0 || access.workspaceRole === "OWNER") ? <AddNodesForm caseId={detail.id} /> : null}
      </section>

      <CertificatesPanel caseId={detail.id} uploads={uploads} />

      {open && access.workspaceRole === "OWNER" ? <CancelCaseForm caseId={detail.id} /> : null}

      <CaseMail caseId={detail.id} mails={mails} canResend={access.workspaceRole === "OWNER" || access.roles.length > 0} />

      <section aria-labelledby="audit-heading" className="space-y-3">
        <h2 id="audit-heading" className="text-xl font-semibold">
          Audit trail
        </h2>
        <AuditTimeline caseId={detail.id} rows={audit.rows} total={audit.total} filter={auditFilter} />
      </section>
    </>
  );
}
