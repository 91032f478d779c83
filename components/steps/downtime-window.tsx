"use client";

import { useActionState } from "react";
import { acceptWindowAction, proposeWindowsAction } from "@/lib/workflow/input-actions";
import { Field, buttonClass, inputClass, secondaryButtonClass } from "@/components/ui/field";
import { FormProblems, fieldError } from "@/components/ui/form-problems";
import { submittedValues } from "@/lib/actions/result";
import { ActionFeedback } from "./action-feedback";
import { useBrowserZone } from "@/components/ui/use-browser-zone";

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

/** Two windows can be offered at once: the other side accepts one, or proposes others. */
const PROPOSALS = [0, 1] as const;

function ProposeForm({ caseId }: { caseId: string }) {
  const [state, action, pending] = useActionState(proposeWindowsAction, null);
  const zone = useBrowserZone();
  const values = submittedValues(state);
  return (
    <form action={action} className="space-y-3 text-sm" noValidate>
      <FormProblems state={state} fields={PROPOSALS.flatMap((index) => [`window${index}Start`, `window${index}End`])} />
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="timeZone" value={zone} />
      <p className="font-medium">Propose downtime windows</p>
      <p className="text-slate-700" id={`window-format-${caseId}`}>
        Write each time as the page shows times, for example 5 Dec 2026, 06:00 (24-hour clock), in your time zone:{" "}
        {zone}.
      </p>
      {PROPOSALS.map((index) => (
        <fieldset key={index} className="space-y-2 rounded border border-slate-200 p-2">
          <legend className="px-1 font-medium">{index === 0 ? "Window 1" : "Window 2 (optional)"}</legend>
          <div className="flex flex-wrap gap-3">
            {(["Start", "End"] as const).map((part) => {
              const name = `window${index}${part}`;
              const error = fieldError(state, name);
              return (
                <Field key={part} id={`${caseId}-${name}`} label={`${part} (${zone})`} error={error}>
                  <input
                    id={`${caseId}-${name}`}
                    name={name}
                    type="text"
                    inputMode="text"
                    autoComplete="off"
                    placeholder={part === "Start" ? "5 Dec 2026, 06:00" : "5 Dec 2026, 07:30"}
                    defaultValue={values[name] ?? ""}
                    className={`${inputClass} w-56`}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={[`window-format-${caseId}`, error ? `${caseId}-${name}-error` : ""]
                      .filter(Boolean)
                      .join(" ")}
                  />
                </Field>
              );
            })}
          </div>
        </fieldset>
      ))}
      <button className={buttonClass} disabled={pending}>
        Propose
      </button>
    </form>
  );
}

/** Variant B's downtime window: proposals from both sides, acceptance, and the agreed window. */
export function DowntimeWindow(props: {
  caseId: string;
  proposals: ProposalView[];
  canPropose: boolean;
  agreed?: string;
  zone: string;
}) {
  return (
    <div className="mt-3 space-y-3 rounded border border-slate-200 p-3" data-testid="downtime">
      {props.agreed ? <p className="text-sm font-semibold">Agreed window: {props.agreed}</p> : null}
      {props.proposals.length > 0 ? (
        <ul className="space-y-1 text-sm">
          {props.proposals.map((proposal) => (
            <li key={proposal.id} data-status={proposal.status}>
              {proposal.when} — proposed by {proposal.by}, {proposal.status.toLowerCase()}{" "}
              {proposal.status === "OPEN" && proposal.canAccept ? (
                <AcceptButton caseId={props.caseId} proposalId={proposal.id} />
              ) : null}
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
