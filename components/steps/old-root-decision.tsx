"use client";

import { useActionState } from "react";
import Link from "next/link";
import { oldRootDecisionAction } from "@/lib/workflow/input-actions";
import { submittedValues } from "@/lib/actions/result";
import { Field, buttonClass, inputClass } from "@/components/ui/field";
import { FormProblems, fieldError } from "@/components/ui/form-problems";
import { Notice } from "@/components/ui/notice";

export interface OldRootView {
  oldRoot: { subject: string; sha256: string } | null;
  uses: { caseId: string; title: string; status: string; role: string }[];
}

/** Before the old root CA goes: who else still relies on it, then the decision (removed or kept) and why. */
export function OldRootDecision(props: {
  caseId: string;
  stepNumber: number;
  view: OldRootView;
  askOldClientCertificate: boolean;
  canAct: boolean;
  blockedBy?: string;
  recorded?: string;
}) {
  const [state, action, pending] = useActionState(oldRootDecisionAction, null);
  const values = submittedValues(state);
  const { oldRoot, uses } = props.view;
  const id = `old-root-${props.stepNumber}`;
  const errors = {
    oldClientCertificateRemoved: fieldError(state, "oldClientCertificateRemoved"),
    oldRoot: fieldError(state, "oldRoot"),
    reason: fieldError(state, "reason"),
  };
  return (
    <div className="mt-3 space-y-3 rounded border border-slate-200 p-3" data-testid="old-root">
      {oldRoot ? (
        uses.length > 0 ? (
          <Notice tone="warning">
            The old root CA ({oldRoot.subject}) is still used elsewhere in this workspace. Removing it would break:
            <ul className="mt-1 list-disc pl-5">
              {uses.map((use) => (
                <li key={`${use.caseId}-${use.role}`}>
                  <Link href={`/cases/${use.caseId}`}>{use.title}</Link> ({use.role}, case {use.status.toLowerCase()})
                </li>
              ))}
            </ul>
          </Notice>
        ) : (
          <Notice tone="info">No other case in this workspace uses the old root CA ({oldRoot.subject}).</Notice>
        )
      ) : (
        <Notice tone="info">
          The old root CA was not uploaded with this case, so its other uses cannot be checked here. Check the
          receiver&apos;s other connections before removing it.
        </Notice>
      )}
      {props.recorded ? <p className="text-sm">Recorded: {props.recorded}</p> : null}
      {props.blockedBy ? <Notice tone="warning">{props.blockedBy}</Notice> : null}
      {props.canAct && !props.recorded && !props.blockedBy ? (
        <form action={action} className="space-y-2 text-sm" noValidate>
          <FormProblems state={state} fields={["oldClientCertificateRemoved", "oldRoot", "reason"]} />
          <input type="hidden" name="caseId" value={props.caseId} />
          <input type="hidden" name="stepNumber" value={props.stepNumber} />
          {props.askOldClientCertificate ? (
            <div>
              <input type="hidden" name="askOldClientCertificate" value="1" />
              <label className="flex items-center gap-2">
                <input
                  type="checkbox"
                  name="oldClientCertificateRemoved"
                  value="yes"
                  aria-invalid={errors.oldClientCertificateRemoved ? true : undefined}
                  aria-describedby={errors.oldClientCertificateRemoved ? `${id}-certificate-error` : undefined}
                />{" "}
                The old client certificate was removed from the receiver.
              </label>
              <ErrorText id={`${id}-certificate-error`} message={errors.oldClientCertificateRemoved} />
            </div>
          ) : null}
          <fieldset className="flex flex-wrap gap-4" aria-describedby={errors.oldRoot ? `${id}-root-error` : undefined}>
            <legend className="font-medium">The old root CA was</legend>
            <label className="flex items-center gap-1">
              <input type="radio" name="oldRoot" value="removed" defaultChecked={values.oldRoot === "removed"} />{" "}
              removed
            </label>
            <label className="flex items-center gap-1">
              <input type="radio" name="oldRoot" value="kept" defaultChecked={values.oldRoot === "kept"} /> kept
            </label>
            <ErrorText id={`${id}-root-error`} message={errors.oldRoot} />
          </fieldset>
          <Field id={`${id}-reason`} label="Why" error={errors.reason}>
            <textarea
              id={`${id}-reason`}
              name="reason"
              rows={2}
              className={inputClass}
              defaultValue={values.reason ?? ""}
              aria-invalid={errors.reason ? true : undefined}
              aria-describedby={errors.reason ? `${id}-reason-error` : undefined}
            />
          </Field>
          <button className={buttonClass} disabled={pending}>
            Record the decision
          </button>
        </form>
      ) : null}
    </div>
  );
}

function ErrorText({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p id={id} role="alert" className="w-full text-sm text-red-700">
      {message}
    </p>
  ) : null;
}
