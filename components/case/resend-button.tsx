"use client";

import { useActionState } from "react";
import { resendMailAction } from "@/lib/mail/actions";

export function ResendButton({ caseId, mailId }: { caseId: string; mailId: string }) {
  const [state, action, pending] = useActionState(resendMailAction, null);
  if (state?.ok) return <span className="text-emerald-800">Queued again</span>;
  return (
    <form action={action} className="inline">
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="mailId" value={mailId} />
      <button
        className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs hover:bg-slate-100"
        disabled={pending}
      >
        Re-send
      </button>
      {state && !state.ok ? (
        <span role="alert" className="ml-2 text-red-700">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
