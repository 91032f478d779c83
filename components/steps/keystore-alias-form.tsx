"use client";

import { useActionState } from "react";
import { confirmAliasAction } from "@/lib/workflow/input-actions";
import { submittedValues } from "@/lib/actions/result";
import { Field, buttonClass, inputClass } from "@/components/ui/field";
import { FormProblems, fieldError } from "@/components/ui/form-problems";

export function KeystoreAliasForm({ caseId, stepNumber }: { caseId: string; stepNumber: number }) {
  const [state, action, pending] = useActionState(confirmAliasAction, null);
  const values = submittedValues(state);
  const aliasError = fieldError(state, "alias");
  const commentError = fieldError(state, "comment");
  return (
    <form action={action} className="mt-3 space-y-3 rounded border border-blue-200 bg-blue-50 p-3" noValidate>
      <FormProblems state={state} fields={["alias", "comment"]} />
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="stepNumber" value={stepNumber} />
      <Field id={`alias-${stepNumber}`} label="Alias under which the new key pair was imported" error={aliasError}>
        <input
          id={`alias-${stepNumber}`}
          name="alias"
          className={`${inputClass} font-mono`}
          autoComplete="off"
          defaultValue={values.alias ?? ""}
          aria-invalid={aliasError ? true : undefined}
          aria-describedby={aliasError ? `alias-${stepNumber}-error` : undefined}
        />
      </Field>
      <Field id={`alias-comment-${stepNumber}`} label="Comment (optional)" error={commentError}>
        <textarea
          id={`alias-comment-${stepNumber}`}
          name="comment"
          rows={2}
          className={inputClass}
          defaultValue={values.comment ?? ""}
          aria-invalid={commentError ? true : undefined}
          aria-describedby={commentError ? `alias-comment-${stepNumber}-error` : undefined}
        />
      </Field>
      {state && !state.ok && state.code === "TENANT_UNREACHABLE" ? (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="withoutTenantCheck" value="yes" /> Confirm without the tenant check
        </label>
      ) : null}
      <button className={buttonClass} disabled={pending}>
        Confirm the import under this alias
      </button>
    </form>
  );
}
