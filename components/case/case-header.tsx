import Link from "next/link";
import { ROLE_LABEL } from "@/lib/workflow";
import type { CaseView } from "@/lib/workflow/queries/case-view";
import { Notice } from "@/components/ui/notice";
import { TimeIn } from "@/components/ui/time";
import { CurrentStepBanner } from "./current-step-banner";
import { CaseTabs, type CaseSection } from "./case-tabs";

/** The top of every section of a case: where it stands, what is the viewer's to do, and the sections. */
export function CaseHeader({ view, section }: { view: CaseView; section: CaseSection }) {
  const { detail, access } = view;
  return (
    <header className="space-y-3">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
        <Link href="/cases">Cases</Link> / {detail.workspace.name}
      </nav>
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
      <CurrentStepBanner view={view} onStepsSection={section === "steps"} />
      {detail.status === "COMPLETED" ? (
        <Notice tone="success">
          This renewal was completed on <TimeIn value={detail.closedAt} zone={view.zone} />.
        </Notice>
      ) : null}
      {detail.status === "CANCELLED" ? (
        <Notice tone="warning">
          This case was cancelled on <TimeIn value={detail.closedAt} zone={view.zone} />. Reason: {detail.cancelReason}
        </Notice>
      ) : null}
      <CaseTabs caseId={detail.id} current={section} />
    </header>
  );
}
