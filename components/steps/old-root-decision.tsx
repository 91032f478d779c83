"use client";

import { useActionState } from "react";
import Link from "next/link";
import { oldRootDecisionAction } from "@/lib/workflow/input-actions";
import { submittedValues } from "@/lib/actions/result";
import { buttonClass, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { ActionFeedback } from "./action-feedback";

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
        <Notice tone="info">The old root CA was not uploaded with this case, so its other uses cannot be checked here. Check the receiver&apos;s other connections before removing it.</Notice>
      )}
      {props.recorded ? <p className="text-sm">Recorded: {props.recorded}</p> : null}
      {props.blockedBy ? <Notice tone="warning">{props.blockedBy}</Notice> : null}
      {props.canAct && !props.recorded && !props.blockedBy ? (
        <form action={action} className="space-y-2 text-sm">
          <ActionFeedback state={state} />
          <input type="hidden" name="caseId" value={props.caseId} />
          <input type="hidden" name="stepNumber" value={props.stepNumber} />
          {props.askOldClientCertificate ? (
            <>
              <input type="hidden" name="askOldClientCertificate" value="1" />
              <label className="flex items-center gap-2">
                <input type="checkbox" name="oldClientCertificateRemoved" value="yes" /> The old client certificate was removed from the receiver.
              </label>
            </>
          ) : null}
          <fieldset className="flex gap-4">
            <legend className="font-medium">The old root CA was</legend>
            <label className="flex items-center gap-1">
              <input type="radio" name="oldRoot" value="removed" defaultChecked={values.oldRoot === "removed"} /> removed
            </label>
            <label className="flex items-center gap-1">
              <input type="radio" name="oldRoot" value="kept" defaultChecked={values.oldRoot === "kept"} /> kept
            </label>
          </fieldset>
          <label htmlFor={`old-root-reason-${props.stepNumber}`} className="block font-medium">
            Why
          </label>
          <textarea id={`old-root-reason-${props.stepNumber}`} name="reason" rows={2} className={inputClass} defaultValue={values.reason ?? ""} />
          <button className={buttonClass} disabled={pending}>
            Record the decision
          </button>
        </form>
      ) : null}
    </div>
  );
}
