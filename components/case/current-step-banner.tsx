import Link from "next/link";
import { ROLE_LABEL, stepLabel } from "@/lib/workflow";
import type { CaseView } from "@/lib/workflow/queries/case-view";
import { Notice } from "@/components/ui/notice";
import { TimeIn } from "@/components/ui/time";

/** The first thing on a case: what is the viewer's to do now, and if nothing, what the case waits for. */
export function CurrentStepBanner({ view, onStepsSection }: { view: CaseView; onStepsSection: boolean }) {
  const href = (number: number) => (onStepsSection ? `#step-${number}` : `/cases/${view.detail.id}#step-${number}`);
  if (view.tasks.length > 0) {
    return (
      <div className="space-y-2" data-testid="current-step-banner">
        {view.tasks.map(({ step, role, turn }) => (
          <Notice key={step.number} tone="info">
            {turn.stage === "scheduled" ? (
              <>
                <strong>Step {stepLabel(step)} happens automatically</strong>{" "}
                {turn.at ? (
                  <>
                    at <TimeIn value={turn.at} zone={view.zone} />
                  </>
                ) : (
                  "when the agreed window starts"
                )}
                : {step.title}. Nothing to do until then; to start it earlier, use the step.{" "}
                <Link href={href(step.number)}>Go to the step</Link>
              </>
            ) : (
              <>
                <strong>Your turn:</strong> step {stepLabel(step)} — {step.title}
                {step.with
                  ? ` (together with the ${ROLE_LABEL[role === step.role ? step.with : step.role].toLowerCase()})`
                  : ""}
                . <Link href={href(step.number)}>Go to the step</Link>
              </>
            )}
          </Notice>
        ))}
      </div>
    );
  }
  if (view.awaited.length === 0) return null;
  return (
    <div className="space-y-2" data-testid="current-step-banner">
      {view.awaited.map(({ step, turn, roles, holders }) => (
        <Notice key={step.number} tone="info">
          {turn.stage === "scheduled" ? (
            <>
              Step {stepLabel(step)} happens automatically{" "}
              {turn.at ? (
                <>
                  at <TimeIn value={turn.at} zone={view.zone} />
                </>
              ) : (
                "when the agreed window starts"
              )}
              : {step.title}.
            </>
          ) : (
            <>
              Waiting for the {roles.map((role) => ROLE_LABEL[role].toLowerCase()).join(" or the ")} (
              {holders.join(", ") || "nobody named"}) on step {stepLabel(step)} — {step.title}.
            </>
          )}
        </Notice>
      ))}
    </div>
  );
}
