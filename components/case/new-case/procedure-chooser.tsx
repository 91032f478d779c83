"use client";

import { KEY_OWNER_CHOICES, procedureName, rolesOf, ROLE_LABEL, workflowFor, type ProcedureId } from "@/lib/workflow";
import type { RenewalAnswers } from "@/lib/workflow/proposal";
import { RadioQuestion } from "./radio-question";

const CA_CHOICES = [
  { value: "yes", label: "A different CA", help: "the receiver must trust a new root CA first" },
  { value: "no", label: "The same CA", help: "the receiver already trusts its root; only the certificate changes" },
] as const;

const BOTH_CHOICES = [
  { value: "yes", label: "Yes", help: "switch without downtime (9 steps)" },
  { value: "no", label: "No", help: "only one at a time; a downtime window is agreed (11 steps)" },
] as const;

/**
 * The questions that decide the procedure, in plain words, and the procedure they lead to. The server decides again
 * from the same answers (lib/workflow/proposal.ts); this only shows it while the person answers.
 */
export function ProcedureChooser({
  answers,
  onChange,
  proposed,
  errors,
}: {
  answers: Partial<RenewalAnswers>;
  onChange: (answers: Partial<RenewalAnswers>) => void;
  proposed: ProcedureId | null;
  errors: Record<string, string | undefined>;
}) {
  const definition = proposed ? workflowFor(proposed) : null;
  return (
    <fieldset className="space-y-4 rounded border border-slate-200 bg-white p-4">
      <legend className="px-1 font-semibold">What is renewed</legend>
      <RadioQuestion
        name="keyOwner"
        legend="Which certificate is being renewed, and who owns its key pair?"
        choices={KEY_OWNER_CHOICES}
        value={answers.keyOwner}
        onChange={(keyOwner) => onChange({ ...answers, keyOwner })}
        error={errors.keyOwner}
      />
      {answers.keyOwner === "tenant" ? (
        <>
          <RadioQuestion
            name="caChanges"
            legend="Which CA signs the new client certificate?"
            choices={CA_CHOICES}
            value={answers.caChanges}
            onChange={(caChanges) => onChange({ ...answers, caChanges })}
            error={errors.caChanges}
          />
          <RadioQuestion
            name="acceptsBoth"
            legend="Can the receiver accept the old and the new client certificate at the same time?"
            choices={BOTH_CHOICES}
            value={answers.acceptsBoth}
            onChange={(acceptsBoth) => onChange({ ...answers, acceptsBoth })}
            error={errors.acceptsBoth}
          />
        </>
      ) : null}
      <div role="status" className="rounded bg-slate-50 p-3 text-sm" data-testid="proposed-procedure">
        {definition ? (
          <>
            <p>
              <strong>Procedure: {procedureName(definition)}</strong> ({definition.steps.length} steps).
            </p>
            <p className="text-slate-700">{definition.summary}</p>
            <p className="text-slate-700">
              It needs:{" "}
              {rolesOf(definition)
                .map((role) => ROLE_LABEL[role].toLowerCase())
                .join(", ")}
              .
            </p>
          </>
        ) : (
          <p>Answer the questions above and Renewal Desk proposes the procedure.</p>
        )}
      </div>
    </fieldset>
  );
}
