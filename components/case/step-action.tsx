import {
  mayAcceptProposal,
  proposingSide,
  receiverStepDecidesOldRoot,
  sameCaCounterpart,
  stepLabel,
  stepTurn,
  type StepDefinition,
} from "@/lib/workflow";
import type { CaseProcedureView, CaseView } from "@/lib/workflow/queries/case-view";
import { LANDSCAPE_LABEL } from "@/lib/workflow/checklists";
import { gridCells } from "@/lib/workflow/grid";
import { formatInZone } from "@/lib/time/zones";
import { CertificateUploadForm } from "@/components/certificates/certificate-upload-form";
import { KeystoreAliasForm } from "@/components/steps/keystore-alias-form";
import { FlowNodeGrid } from "@/components/steps/flow-node-grid";
import { ReceiverChecklist } from "@/components/steps/receiver-checklist";
import { OldRootDecision } from "@/components/steps/old-root-decision";
import { DowntimeWindow } from "@/components/steps/downtime-window";
import { ScheduledStep } from "@/components/steps/scheduled-step";
import { CutOverForm } from "@/components/steps/cut-over-form";
import { CompleteStepForm } from "./complete-step-form";
import { displayName } from "@/lib/people";

const ROOT_HELP = {
  different: "The root of the new CA, which the other side will be asked to trust.",
  same: "The root of the CA, the same as before: it lets Renewal Desk check the chain.",
  any: "The root the certificate chains to: the tenant side checks the chain against it.",
} as const;

function decisionText(details: unknown): string | undefined {
  if (typeof details !== "object" || details === null || !("oldRoot" in details)) return undefined;
  const decision = details as { oldRoot: string; reason?: string };
  return `old root CA ${decision.oldRoot}${decision.reason ? ` — ${decision.reason}` : ""}`;
}

/**
 * What a step card shows below its help: the step's own information and the forms the viewer may use, exactly as
 * the rule of who may act allows them (procedure.allowed, from lib/workflow/turn.ts).
 */
export function StepAction({
  step,
  view,
  procedure,
}: {
  step: StepDefinition;
  view: CaseView;
  procedure: CaseProcedureView;
}) {
  const { detail, definition, state, zone } = view;
  const { details } = procedure;
  const row = detail.steps.find((candidate) => candidate.number === step.number)!;
  const may = procedure.allowed.steps.get(step.number) ?? [];
  const at = (date: Date) => formatInZone(date, zone);
  const shown = row.status !== "BLOCKED" && row.status !== "CANCELLED";

  if (step.waitsFor) {
    const turn = stepTurn(definition, state, step);
    return turn.stage === "scheduled" ? (
      <ScheduledStep
        caseId={detail.id}
        stepNumber={step.number}
        at={turn.at ? at(turn.at) : null}
        canStartEarly={may.includes("start-early")}
      />
    ) : null;
  }
  switch (step.input) {
    case "certificates":
      return may.includes("give-input") ? (
        <CertificateUploadForm
          // A new procedure checks by other rules: the form starts afresh rather than keep the last check's findings.
          key={definition.id}
          caseId={detail.id}
          purpose={definition.certificate.purpose}
          rootHelp={ROOT_HELP[definition.certificate.ca]}
          offerSameCa={sameCaCounterpart(definition.id) !== null}
        />
      ) : null;
    case "keystore-alias": {
      const alias = (row.details as { alias?: string } | null)?.alias;
      if (alias)
        return (
          <p className="mt-1 text-sm">
            Imported under the alias <code>{alias}</code> (the case&apos;s alias).
          </p>
        );
      return may.includes("give-input") ? <KeystoreAliasForm caseId={detail.id} stepNumber={step.number} /> : null;
    }
    case "flow-node-grid": {
      if (!shown) return null;
      const confirmations = details.confirmations.filter((confirmation) => confirmation.stepNumber === step.number);
      const cells = gridCells(detail.integrationFlows, detail.runtimeNodes).map((cell) => {
        const done = confirmations.find(
          (confirmation) => confirmation.flow === cell.flow && confirmation.node === cell.node,
        );
        return { ...cell, ...(done ? { confirmed: `${displayName(done.confirmedBy)}, ${at(done.confirmedAt)}` } : {}) };
      });
      return (
        <FlowNodeGrid
          caseId={detail.id}
          stepNumber={step.number}
          verb={step.key === "stop-flows" ? "Stop" : "Restart"}
          flows={detail.integrationFlows}
          nodes={detail.runtimeNodes}
          cells={cells}
          canConfirm={may.includes("give-input")}
        />
      );
    }
    case "receiver-checklist": {
      if (!shown) return null;
      const items = details.checklist
        .filter((item) => item.stepNumber === step.number)
        .map((item) => ({
          id: item.id,
          label: item.label,
          thirdParty: item.thirdParty,
          ...(item.doneAt
            ? {
                done: `${item.performedBy ?? "Receiver administrator"}, recorded by ${displayName(item.doneBy)} on ${at(item.doneAt)}`,
              }
            : {}),
        }));
      const canAct = may.includes("give-input");
      return (
        <>
          <ReceiverChecklist
            caseId={detail.id}
            items={items}
            canAct={canAct}
            landscape={LANDSCAPE_LABEL[detail.receiverLandscape]}
          />
          {receiverStepDecidesOldRoot(definition) ? (
            <OldRootDecision
              caseId={detail.id}
              stepNumber={step.number}
              view={details.oldRoot}
              askOldClientCertificate={false}
              canAct={canAct}
              recorded={decisionText(row.details)}
            />
          ) : null}
        </>
      );
    }
    case "old-root-removal": {
      if (!shown) return null;
      const missing = procedure.restartsMissing;
      const blockedBy = missing.length
        ? `Blocked: the flows have not been restarted on every node yet (${missing.map((cell) => `${cell.flow} on ${cell.node}`).join(", ")}). Until then those nodes may still present the old certificate, so it must stay accepted.`
        : undefined;
      return (
        <OldRootDecision
          caseId={detail.id}
          stepNumber={step.number}
          view={details.oldRoot}
          askOldClientCertificate
          canAct={may.includes("give-input")}
          recorded={decisionText(row.details)}
          blockedBy={blockedBy}
        />
      );
    }
    case "cut-over": {
      if (detail.cutOverAt)
        return (
          <p className="mt-1 text-sm">
            Cut-over announced for <strong>{at(detail.cutOverAt)}</strong>.
          </p>
        );
      return may.includes("give-input") ? <CutOverForm caseId={detail.id} stepNumber={step.number} /> : null;
    }
    case "downtime-window": {
      if (!shown) return null;
      return (
        <DowntimeWindow
          caseId={detail.id}
          proposals={details.proposals.map((proposal) => ({
            id: proposal.id,
            start: proposal.start.toISOString(),
            end: proposal.end.toISOString(),
            when: `${at(proposal.start)} to ${at(proposal.end)}`,
            status: proposal.status,
            by: displayName(proposal.proposedBy),
            canAccept:
              may.includes("accept-window") &&
              mayAcceptProposal(definition, proposal.proposedAsRole, view.access.roles),
          }))}
          canPropose={may.includes("propose-window") && proposingSide(definition, view.access.roles) !== null}
          agreed={
            detail.windowStart && detail.windowEnd ? `${at(detail.windowStart)} to ${at(detail.windowEnd)}` : undefined
          }
          zone={zone}
        />
      );
    }
    default:
      return may.includes("confirm") ? (
        <CompleteStepForm caseId={detail.id} stepNumber={step.number} label={stepLabel(step)} />
      ) : null;
  }
}
