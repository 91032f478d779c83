"use client";

import { useActionState } from "react";
import { cancelCaseAction } from "@/lib/workflow/actions";
import { Field, inputClass, secondaryButtonClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { submittedValues } from "@/lib/actions/result";

export function CancelCaseForm({ caseId }: { caseId: string }) {
  const [state, action, pending] = useActionState(cancelCaseAction, null);
  const reasonError = state && !state.ok ? state.fieldErrors?.reason : undefined;
  return (
    <details className="rounded border border-slate-200 bg-white p-3">
      <summary className="cursor-pointer text-sm font-medium">Cancel this case</summary>
      <form action={action} className="mt-3 space-y-3" noValidate>
        {state && !state.ok && !reasonError ? <Notice tone="error">{state.message}</Notice> : null}
        <input type="hidden" name="caseId" value={caseId} />
        <Field id="reason" label="Reason" help="Everyone on the case receives it." error={reasonError}>
          <textarea
            id="reason"
            name="reason"
            rows={2}
            className={inputClass}
            defaultValue={submittedValues(state).reason ?? ""}
            aria-invalid={reasonError ? true : undefined}
          />
        </Field>
        <button className={secondaryButtonClass} disabled={pending}>
          Cancel case
        </button>
      </form>
    </details>
  );
}
