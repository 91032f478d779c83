"use client";

import { useActionState } from "react";
import { confirmActionLinkAction } from "@/lib/workflow/link-actions";
import { buttonClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";

export function ActionLinkConfirm({ token, stepNumber }: { token: string; stepNumber: number }) {
  const [state, action, pending] = useActionState(confirmActionLinkAction, null);
  if (state?.ok) {
    return <Notice tone="success">Step {state.data.stepNumber} is confirmed and recorded. The next person has been told. You can close this page.</Notice>;
  }
  return (
    <form action={action} className="space-y-3">
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
      <input type="hidden" name="token" value={token} />
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? "Confirming…" : `Confirm that step ${stepNumber} is done`}
      </button>
    </form>
  );
}
