"use client";

import { useActionState } from "react";
import { checkFingerprintAction } from "@/lib/certificates/actions";
import { inputClass, secondaryButtonClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { certificateRoleLabel, type CertificatePurpose } from "./certificate-card";

/** The receiver's side: paste the fingerprint your system shows and see whether it is the certificate of this case. */
export function FingerprintCheckForm({ caseId, purpose }: { caseId: string; purpose: CertificatePurpose }) {
  const [state, action, pending] = useActionState(checkFingerprintAction, null);
  return (
    <form action={action} className="space-y-2">
      <label htmlFor="fingerprint" className="block text-sm font-medium">
        Compare a fingerprint
      </label>
      <p className="text-xs text-slate-600">
        Paste the SHA-256 or SHA-1 fingerprint your system shows for the imported certificate. The check is recorded.
      </p>
      <div className="flex gap-2">
        <input id="fingerprint" name="fingerprint" className={`${inputClass} font-mono text-xs`} autoComplete="off" />
        <input type="hidden" name="caseId" value={caseId} />
        <button className={secondaryButtonClass} disabled={pending}>
          Compare
        </button>
      </div>
      {state?.ok ? (
        state.data.matched ? (
          <Notice tone="success">
            Match: this is the {certificateRoleLabel(state.data.role ?? "", purpose).toLowerCase()} (
            {state.data.subject}).
          </Notice>
        ) : (
          <Notice tone="error">
            No match: this fingerprint belongs to none of the new certificates of this case. Do not trust the
            certificate you are looking at.
          </Notice>
        )
      ) : null}
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
    </form>
  );
}
