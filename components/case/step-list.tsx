import { ROLE_LABEL, givenByPerson, stepLabel, stepTurn } from "@/lib/workflow";
import { CHANNEL_LABEL } from "@/lib/workflow/labels";
import { completionNote } from "@/lib/workflow/completion-note";
import type { CaseProcedureView, CaseView } from "@/lib/workflow/queries/case-view";
import { StepStatusBadge } from "@/components/ui/step-status";
import { TimeIn } from "@/components/ui/time";
import { StepAction } from "./step-action";
import { completedByName, displayName } from "@/lib/people";

/** Every step of the procedure in its own row: who, what, where it stands, and the viewer's form when they may act. */
export function StepList({ view, procedure }: { view: CaseView; procedure: CaseProcedureView }) {
  const { detail, definition, state } = view;
  return (
    <ol className="space-y-3" aria-label="Steps of the procedure">
      {definition.steps.map((stepDefinition) => {
        const step = detail.steps.find((candidate) => candidate.number === stepDefinition.number);
        if (!step) return null;
        const turn = stepTurn(definition, state, stepDefinition);
        const asked = turn.stage === "turn" ? turn.actors : [];
        const mine = (procedure.allowed.steps.get(step.number) ?? []).length > 0;
        const holders = detail.participants.filter((participant) => asked.includes(participant.role));
        return (
          <li
            key={step.number}
            id={`step-${step.number}`}
            data-testid={`step-${step.number}`}
            data-status={step.status}
            aria-current={step.status === "READY" ? "step" : undefined}
            className={`rounded border bg-white p-4 ${step.status === "READY" ? "border-blue-400 ring-2 ring-blue-100" : "border-slate-200"}`}
          >
            <div className="flex flex-wrap items-start gap-3">
              <span
                className="flex h-7 w-7 shrink-0 items-center justify-center rounded-full bg-slate-800 text-sm font-bold text-white"
                aria-hidden="true"
              >
                {stepLabel(stepDefinition)}
              </span>
              <div className="min-w-0 flex-1">
                <h3 className="font-semibold">
                  <span className="sr-only">Step {stepLabel(stepDefinition)}: </span>
                  {stepDefinition.title}
                </h3>
                <p className="text-sm text-slate-700">
                  {stepDefinition.kind === "handover" && stepDefinition.to
                    ? `Hand-over: ${ROLE_LABEL[stepDefinition.role]} → ${ROLE_LABEL[stepDefinition.to]} (${givenByPerson(stepDefinition) ? `given by the ${ROLE_LABEL[stepDefinition.role].toLowerCase()}` : "performed by Renewal Desk"})`
                    : `${ROLE_LABEL[stepDefinition.role]}${stepDefinition.with ? ` with the ${ROLE_LABEL[stepDefinition.with].toLowerCase()}` : ""}`}
                </p>
                <p className="mt-1 text-sm text-slate-600">{stepDefinition.help}</p>
                {step.status === "DONE" ? (
                  <p className="mt-1 text-sm" data-testid={`step-${step.number}-done`}>
                    Done by {completedByName(step)} on <TimeIn value={step.completedAt} zone={view.zone} /> via{" "}
                    {step.channel ? CHANNEL_LABEL[step.channel] : "—"}
                    {completionNote(step.details) ? (
                      <span className="block text-slate-700">{completionNote(step.details)}</span>
                    ) : null}
                    {step.comment ? <span className="block text-slate-700">Comment: “{step.comment}”</span> : null}
                  </p>
                ) : null}
                {turn.stage === "turn" && !mine ? (
                  <p className="mt-1 text-sm text-slate-700">
                    Waiting for{" "}
                    {holders.map((holder) => displayName(holder.user)).join(", ") || "a participant in this role"} since{" "}
                    <TimeIn value={step.readyAt} zone={view.zone} />.
                  </p>
                ) : null}
                <StepAction step={stepDefinition} view={view} procedure={procedure} />
              </div>
              <StepStatusBadge status={step.status} />
            </div>
          </li>
        );
      })}
    </ol>
  );
}
