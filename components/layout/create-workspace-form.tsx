"use client";

import { useActionState } from "react";
import { createWorkspaceAction } from "@/lib/workspaces/actions";
import { Field, buttonClass, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { submittedValues } from "@/lib/actions/result";

export function CreateWorkspaceForm() {
  const [state, action, pending] = useActionState(createWorkspaceAction, null);
  const error = state && !state.ok ? state.fieldErrors?.name : undefined;
  return (
    <form action={action} className="space-y-3" noValidate>
      {state && !state.ok && !error ? <Notice tone="error">{state.message}</Notice> : null}
      <Field
        id="name"
        label="Workspace name"
        help="Usually your team or company, for example “Integration Team ACME”."
        error={error}
      >
        <input
          id="name"
          name="name"
          className={inputClass}
          defaultValue={submittedValues(state).name ?? ""}
          aria-invalid={error ? true : undefined}
        />
      </Field>
      <button className={buttonClass} disabled={pending}>
        Create workspace
      </button>
    </form>
  );
}
