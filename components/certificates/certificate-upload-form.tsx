"use client";

import { useActionState } from "react";
import { uploadNewCertificatesAction } from "@/lib/certificates/actions";
import { switchToSameCaAction } from "@/lib/workflow/actions";
import { ActionFeedback } from "@/components/steps/action-feedback";
import { buttonClass, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { CertificateCard } from "./certificate-card";
import { FindingsList } from "./findings-list";

const ACCEPT =
  ".pem,.crt,.cer,.der,.p7b,.p7c,application/x-x509-ca-cert,application/pkix-cert,application/x-pkcs7-certificates";

function UploadField({ name, label, help, pending }: { name: string; label: string; help: string; pending?: string }) {
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-semibold">{label}</legend>
      <p className="text-xs text-slate-600">{help}</p>
      {pending ? (
        <textarea name={`${name}Text`} defaultValue={pending} hidden readOnly />
      ) : (
        <>
          <label className="block text-sm">
            <span className="sr-only">{label}: </span>File(s)
            <input type="file" name={`${name}File`} multiple accept={ACCEPT} className="mt-1 block text-sm" />
          </label>
          <label className="block text-sm" htmlFor={`${name}Text`}>
            or paste PEM text
          </label>
          <textarea
            id={`${name}Text`}
            name={`${name}Text`}
            rows={3}
            className={`${inputClass} font-mono text-xs`}
            placeholder="-----BEGIN CERTIFICATE-----"
          />
        </>
      )}
    </fieldset>
  );
}

/** Offered when the upload shows the old CA: the case becomes a same-CA renewal, and the upload is checked as one. */
function SwitchToSameCa({ caseId }: { caseId: string }) {
  const [state, action, pending] = useActionState(switchToSameCaAction, null);
  return (
    <form action={action} className="mt-3 space-y-2 rounded border border-amber-300 bg-amber-50 p-3 text-sm">
      <input type="hidden" name="caseId" value={caseId} />
      <p>
        The new certificate comes from the same CA as the old one. Renewal Desk has a procedure for that: no root CA
        changes hands, and the receiver only accepts the new certificate. Switch this case to it, then upload the
        certificates again.
      </p>
      <button type="submit" className={buttonClass} disabled={pending}>
        Switch to the same-CA procedure
      </button>
      <ActionFeedback state={state} />
    </form>
  );
}

interface Props {
  caseId: string;
  /** The kind of certificate the procedure expects. */
  purpose: "client" | "server";
  /** Who will be asked to trust the root, in the procedure's words. */
  rootHelp: string;
  /** The procedure has a same-CA counterpart to offer when the upload shows the old CA. */
  offerSameCa: boolean;
}

/** Step 1: the new certificate (with intermediates) and its root CA, checked on the server. */
export function CertificateUploadForm({ caseId, purpose, rootHelp, offerSameCa }: Props) {
  const [state, action, pending] = useActionState(uploadNewCertificatesAction, null);
  const awaitingAcknowledgement = state && !state.ok && state.code === "WARNINGS_TO_ACKNOWLEDGE" ? state : null;
  const sameCa = offerSameCa && !!awaitingAcknowledgement?.warnings?.some((w) => w.code === "SAME_CA_AS_OLD");
  return (
    <>
      <form
        action={action}
        className="mt-3 space-y-4 rounded border border-blue-200 bg-blue-50 p-3"
        encType="multipart/form-data"
      >
        {state?.ok ? <Notice tone="success">The certificates are stored and step 1 is done.</Notice> : null}
        {state && !state.ok ? (
          <Notice tone={awaitingAcknowledgement ? "warning" : "error"}>
            <p>{state.message}</p>
            <div className="mt-2">
              <FindingsList findings={state.errors ?? []} testId="upload-errors" />
              <FindingsList findings={state.warnings ?? []} testId="upload-warnings" />
            </div>
          </Notice>
        ) : null}
        {state && !state.ok && state.certificates?.length ? (
          <details open={!!awaitingAcknowledgement}>
            <summary className="cursor-pointer text-sm font-medium">What was recognised in the upload</summary>
            <div className="mt-2 grid gap-2 md:grid-cols-2">
              {state.certificates.map((certificate) => (
                <CertificateCard
                  key={certificate.fingerprints.sha256 + certificate.role}
                  certificate={certificate}
                  purpose={purpose}
                />
              ))}
            </div>
          </details>
        ) : null}

        <input type="hidden" name="caseId" value={caseId} />
        <UploadField
          name="newLeaf"
          label={`New ${purpose} certificate`}
          help="PEM, DER (.cer, .crt, .der) or PKCS#7 (.p7b). Intermediate CA certificates may come in the same file or as more files. Never upload the private key."
          pending={awaitingAcknowledgement?.pending?.leaf}
        />
        <UploadField
          name="newRoot"
          label="New root CA certificate"
          help={rootHelp}
          pending={awaitingAcknowledgement?.pending?.root}
        />
        {awaitingAcknowledgement ? (
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" name="acknowledge" value="yes" className="mt-1" required />
            <span>I have read the warnings and want to store these certificates.</span>
          </label>
        ) : null}
        <label htmlFor="upload-comment" className="block text-sm font-medium">
          Comment (optional)
        </label>
        <textarea id="upload-comment" name="comment" rows={2} className={inputClass} maxLength={2000} />
        <button type="submit" className={buttonClass} disabled={pending}>
          {pending
            ? "Checking…"
            : awaitingAcknowledgement
              ? "Store the certificates and complete step 1"
              : "Check and upload"}
        </button>
      </form>
      {sameCa ? <SwitchToSameCa caseId={caseId} /> : null}
    </>
  );
}
