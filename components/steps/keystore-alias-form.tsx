"use client";

import { useActionState } from "react";
import { confirmAliasAction } from "@/lib/workflow/input-actions";
import { submittedValues } from "@/lib/actions/result";
import { buttonClass, inputClass } from "@/components/ui/field";
import { ActionFeedback } from "./action-feedback";

export function KeystoreAliasForm({ caseId, stepNumber }: { caseId: string; stepNumber: number }) {
  const [state, action, pending] = useActionState(confirmAliasAction, null);
  const values = submittedValues(state);
  return (
    <form action={action} className="mt-3 space-y-3 rounded border border-blue-200 bg-blue-50 p-3">
      <ActionFeedback state={state} />
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="stepNumber" value={stepNumber} />
      <label htmlFor={`alias-${stepNumber}`} className="block text-sm font-medium">
        Alias under which the new key pair was imported
      </label>
      <input id={`alias-${stepNumber}`} name="alias" className={`${inputClass} font-mono`} autoComplete="off" defaultValue={values.alias ?? ""} />
      <label htmlFor={`alias-comment-${stepNumber}`} className="block text-sm font-medium">
        Comment (optional)
      </label>
      <textarea id={`alias-comment-${stepNumber}`} name="comment" rows={2} className={inputClass} defaultValue={values.comment ?? ""} />
      <button className={buttonClass} disabled={pending}>
        Confirm the import under this alias
      </button>
    </form>
  );
}
