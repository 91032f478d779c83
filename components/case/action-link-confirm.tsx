"use client";

import { useActionState } from "react";
import { confirmActionLinkAction } from "@/lib/workflow/link-actions";
import { buttonClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";

const FINAL = new Set([
  "LINK_UNKNOWN",
  "LINK_EXPIRED",
  "LINK_USED",
  "LINK_SUPERSEDED",
  "STEP_NOT_READY",
  "CASE_CLOSED",
  "CONFLICT",
]);

export function ActionLinkConfirm({ token, stepLabel }: { token: string; stepLabel: string }) {
  const [state, action, pending] = useActionState(confirmActionLinkAction, null);
  if (state?.ok) {
    return (
      <Notice tone="success">
        Step {stepLabel} is confirmed and recorded. The next person has been told. You can close this page.
      </Notice>
    );
  }
  // A link that can no longer be used (confirmed meanwhile, in another tab or on the case page) offers nothing more.
  if (state && !state.ok && FINAL.has(state.code)) return <Notice tone="warning">{state.message}</Notice>;
  return (
    <form action={action} className="space-y-3">
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
      <input type="hidden" name="token" value={token} />
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? "Confirming…" : `Confirm that step ${stepLabel} is done`}
      </button>
    </form>
  );
}
