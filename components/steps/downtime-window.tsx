"use client";

import { useActionState, useSyncExternalStore } from "react";
import { acceptWindowAction, proposeWindowsAction } from "@/lib/workflow/input-actions";
import { buttonClass, inputClass, secondaryButtonClass } from "@/components/ui/field";
import { ActionFeedback } from "./action-feedback";

export interface ProposalView {
  id: string;
  /** ISO instants, for the browser's own display. */
  start: string;
  end: string;
  when: string;
  status: "OPEN" | "ACCEPTED" | "DECLINED";
  by: string;
  canAccept: boolean;
}

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

function AcceptButton({ caseId, proposalId }: { caseId: string; proposalId: string }) {
  const [state, action, pending] = useActionState(acceptWindowAction, null);
  return (
    <form action={action} className="inline">
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="proposalId" value={proposalId} />
      <button className={secondaryButtonClass} disabled={pending}>
        Accept this window
      </button>
      <ActionFeedback state={state} />
    </form>
  );
}

function ProposeForm({ caseId }: { caseId: string }) {
  const [state, action, pending] = useActionState(proposeWindowsAction, null);
  const zone = useSyncExternalStore(() => () => undefined, browserZone, () => "UTC");
  return (
    <form action={action} className="space-y-2 text-sm">
      <ActionFeedback state={state} />
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="timeZone" value={zone} />
      <p className="font-medium">Propose windows (times in {zone})</p>
      {[0, 1].map((index) => (
        <div key={index} className="flex flex-wrap items-center gap-2">
          <label htmlFor={`window${index}Start`}>{index === 0 ? "Start" : "Or start"}</label>
          <input id={`window${index}Start`} name={`window${index}Start`} type="datetime-local" step={1} className={`${inputClass} w-auto`} />
          <label htmlFor={`window${index}End`}>end</label>
          <input id={`window${index}End`} name={`window${index}End`} type="datetime-local" step={1} className={`${inputClass} w-auto`} />
        </div>
      ))}
      <button className={buttonClass} disabled={pending}>
        Propose
      </button>
    </form>
  );
}

/** Variant B's downtime window: proposals from both sides, acceptance, and the agreed window. */
export function DowntimeWindow(props: { caseId: string; proposals: ProposalView[]; canPropose: boolean; agreed?: string; zone: string }) {
  return (
    <div className="mt-3 space-y-3 rounded border border-slate-200 p-3" data-testid="downtime">
      {props.agreed ? <p className="text-sm font-semibold">Agreed window: {props.agreed}</p> : null}
      {props.proposals.length > 0 ? (
        <ul className="space-y-1 text-sm">
          {props.proposals.map((proposal) => (
            <li key={proposal.id} data-status={proposal.status}>
              {proposal.when} — proposed by {proposal.by}, {proposal.status.toLowerCase()}{" "}
              {proposal.status === "OPEN" && proposal.canAccept ? <AcceptButton caseId={props.caseId} proposalId={proposal.id} /> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600">No window proposed yet.</p>
      )}
      {props.canPropose ? <ProposeForm caseId={props.caseId} /> : null}
    </div>
  );
}
