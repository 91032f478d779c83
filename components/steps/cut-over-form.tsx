"use client";

import { useActionState } from "react";
import { announceCutOverAction } from "@/lib/workflow/input-actions";
import { submittedValues } from "@/lib/actions/result";
import { Field, buttonClass, inputClass } from "@/components/ui/field";
import { FormProblems, fieldError } from "@/components/ui/form-problems";
import { useBrowserZone } from "@/components/ui/use-browser-zone";

/** The load balancer administrator announces the moment of the switch, typed in their own time zone. */
export function CutOverForm({ caseId, stepNumber }: { caseId: string; stepNumber: number }) {
  const [state, action, pending] = useActionState(announceCutOverAction, null);
  const zone = useBrowserZone();
  const values = submittedValues(state);
  const timeError = fieldError(state, "cutOverAt");
  const commentError = fieldError(state, "comment");
  return (
    <form action={action} className="mt-3 space-y-3 rounded border border-blue-200 bg-blue-50 p-3 text-sm" noValidate>
      <FormProblems state={state} fields={["cutOverAt", "comment"]} />
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="stepNumber" value={stepNumber} />
      <input type="hidden" name="timeZone" value={zone} />
      <p id={`cut-over-format-${stepNumber}`} className="text-slate-700">
        Write the time as the page shows times, for example 5 Dec 2026, 06:00 (24-hour clock), in your time zone: {zone}
        .
      </p>
      <Field id={`cut-over-${stepNumber}`} label={`Cut-over time (${zone})`} error={timeError}>
        <input
          id={`cut-over-${stepNumber}`}
          name="cutOverAt"
          autoComplete="off"
          placeholder="5 Dec 2026, 06:00"
          className={`${inputClass} w-56`}
          defaultValue={values.cutOverAt ?? ""}
          aria-invalid={timeError ? true : undefined}
          aria-describedby={[`cut-over-format-${stepNumber}`, timeError ? `cut-over-${stepNumber}-error` : ""]
            .filter(Boolean)
            .join(" ")}
        />
      </Field>
      <Field id={`cut-over-comment-${stepNumber}`} label="Comment (optional)" error={commentError}>
        <textarea
          id={`cut-over-comment-${stepNumber}`}
          name="comment"
          rows={2}
          className={inputClass}
          defaultValue={values.comment ?? ""}
          aria-invalid={commentError ? true : undefined}
          aria-describedby={commentError ? `cut-over-comment-${stepNumber}-error` : undefined}
        />
      </Field>
      <button className={buttonClass} disabled={pending}>
        Announce the cut-over
      </button>
    </form>
  );
}
