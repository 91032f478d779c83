"use client";

import { useActionState } from "react";
import { addTenantAction } from "@/lib/tenant/actions";
import { Field, buttonClass, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { submittedValues } from "@/lib/actions/result";

/** Paste the service key of an `api`-plan instance; it is tested before anything is stored. */
export function AddTenantForm({ workspaceId }: { workspaceId: string }) {
  const [state, action, pending] = useActionState(addTenantAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const values = submittedValues(state);
  return (
    <form action={action} className="space-y-3 rounded border border-slate-200 bg-white p-4" noValidate>
      <h2 className="font-semibold">Connect a tenant</h2>
      {state?.ok ? <Notice tone="success">The tenant answered and is connected.</Notice> : null}
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <Field id="tenant-name" label="Name" help="How people will see it, e.g. “Production tenant”." error={errors.name}>
        <input
          id="tenant-name"
          name="name"
          className={inputClass}
          defaultValue={state?.ok ? "" : (values.name ?? "")}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={errors.name ? "tenant-name-error" : undefined}
        />
      </Field>
      <Field
        id="service-key"
        label="Service key"
        help="The JSON of a service key of a Process Integration Runtime instance with plan “api” (url, tokenurl, clientid, clientsecret). Its secret is stored encrypted and never shown again."
        error={errors.serviceKey}
      >
        <textarea
          id="service-key"
          name="serviceKey"
          rows={6}
          className={`${inputClass} font-mono`}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={errors.serviceKey ? true : undefined}
          aria-describedby={errors.serviceKey ? "service-key-error" : undefined}
        />
      </Field>
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? "Testing the connection…" : "Test and connect"}
      </button>
    </form>
  );
}
