"use client";

import { useActionState } from "react";
import { stopEarlyAction } from "@/lib/workflow/input-actions";
import { secondaryButtonClass } from "@/components/ui/field";
import { ActionFeedback } from "./action-feedback";

/**
 * A hand-over Renewal Desk performs at a moment (the start of the downtime window): when, and, for whoever may, a
 * way to perform it now, which needs an explicit confirmation.
 */
export function ScheduledStep({
  caseId,
  stepNumber,
  at,
  canStartEarly,
}: {
  caseId: string;
  stepNumber: number;
  at: string | null;
  canStartEarly: boolean;
}) {
  const [state, action, pending] = useActionState(stopEarlyAction, null);
  return (
    <div className="mt-3 space-y-2 rounded border border-slate-200 p-3 text-sm" data-testid={`scheduled-${stepNumber}`}>
      <p>
        <strong>Happens automatically</strong> {at ? `at ${at}` : "when the agreed downtime window starts"}: Renewal
        Desk performs this step itself.
        {canStartEarly ? " To start earlier, confirm below." : ""}
      </p>
      {canStartEarly ? (
        <form action={action} className="space-y-2">
          <ActionFeedback state={state} />
          <input type="hidden" name="caseId" value={caseId} />
          <label className="flex items-start gap-2">
            <input type="checkbox" name="confirmEarly" value="yes" className="mt-1" />
            <span>
              Start step {stepNumber} now, before the agreed window{at ? ` (${at})` : ""}. Messages to the receiver stop
              earlier than agreed.
            </span>
          </label>
          <button className={secondaryButtonClass} disabled={pending}>
            Start step {stepNumber} now
          </button>
        </form>
      ) : null}
    </div>
  );
}
