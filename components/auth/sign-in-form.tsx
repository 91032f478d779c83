"use client";

import { useActionState } from "react";
import { requestSignInLinkAction } from "@/lib/auth/actions";
import { Field, buttonClass, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { submittedValues } from "@/lib/actions/result";

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const [state, action, pending] = useActionState(requestSignInLinkAction, null);
  const emailError = state && !state.ok ? state.fieldErrors?.email : undefined;
  return (
    <form action={action} className="space-y-4" noValidate>
      {state && !state.ok && !emailError ? <Notice tone="error">{state.message}</Notice> : null}
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? ""} />
      <Field id="email" label="Work e-mail address" error={emailError}>
        <input
          id="email"
          name="email"
          type="email"
          defaultValue={submittedValues(state).email ?? ""}
          autoComplete="email"
          required
          className={inputClass}
          aria-invalid={emailError ? true : undefined}
          aria-describedby={emailError ? "email-error" : undefined}
        />
      </Field>
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? "Sending…" : "Send me a sign-in link"}
      </button>
    </form>
  );
}
