"use client";

import { useActionState } from "react";
import { requestSignInLinkAction } from "@/lib/auth/actions";
import { Field, buttonClass, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { submittedValues } from "@/lib/actions/result";

/** `companies`: whether company providers are configured, and whether any of them still allows e-mail links. */
export function SignInForm({
  callbackUrl,
  companies = "none",
}: {
  callbackUrl?: string;
  companies?: "none" | "mandatory" | "optional";
}) {
  const offerLinkInstead = companies === "optional";
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
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" name="method" value="auto" className={buttonClass} disabled={pending}>
          {pending ? "Sending…" : companies === "none" ? "Send me a sign-in link" : "Continue"}
        </button>
        {offerLinkInstead ? (
          <button type="submit" name="method" value="email" className="text-sm underline" disabled={pending}>
            E-mail me a link instead
          </button>
        ) : null}
      </div>
    </form>
  );
}
