"use client";

import { useActionState } from "react";
import { completeStepAction } from "@/lib/workflow/actions";
import { buttonClass, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { submittedValues } from "@/lib/actions/result";

export function CompleteStepForm({ caseId, stepNumber, label }: { caseId: string; stepNumber: number; label: string }) {
  const [state, action, pending] = useActionState(completeStepAction, null);
  const confirmError = state && !state.ok ? state.fieldErrors?.confirm : undefined;
  return (
    <form action={action} className="mt-3 space-y-3 rounded border border-blue-200 bg-blue-50 p-3" noValidate>
      {state && !state.ok && !confirmError ? <Notice tone="error">{state.message}</Notice> : null}
      {state?.ok ? <Notice tone="success">Step {label} is recorded as done.</Notice> : null}
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="stepNumber" value={stepNumber} />
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          name="confirm"
          value="yes"
          className="mt-1"
          aria-describedby={confirmError ? `confirm-${stepNumber}-error` : undefined}
        />
        <span>I confirm that this step is done.</span>
      </label>
      {confirmError ? (
        <p id={`confirm-${stepNumber}-error`} role="alert" className="text-sm text-red-700">
          {confirmError}
        </p>
      ) : null}
      <label htmlFor={`comment-${stepNumber}`} className="block text-sm font-medium">
        Comment (optional)
      </label>
      <textarea
        id={`comment-${stepNumber}`}
        name="comment"
        rows={2}
        className={inputClass}
        maxLength={2000}
        defaultValue={submittedValues(state).comment ?? ""}
      />
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? "Saving…" : `Mark step ${label} as done`}
      </button>
    </form>
  );
}
