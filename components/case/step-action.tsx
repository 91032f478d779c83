import type { StepDefinition, Role } from "@/lib/workflow";
import type { CaseDetail } from "@/lib/workflow/queries/case-detail";
import type { ProcedureDetails } from "@/lib/workflow/queries/procedure-details";
import { mayAccept, proposingRole } from "@/lib/workflow/downtime";
import { LANDSCAPE_LABEL } from "@/lib/workflow/checklists";
import { gridCells } from "@/lib/workflow/grid";
import { formatInZone } from "@/lib/time/zones";
import { CertificateUploadForm } from "@/components/certificates/certificate-upload-form";
import { KeystoreAliasForm } from "@/components/steps/keystore-alias-form";
import { FlowNodeGrid } from "@/components/steps/flow-node-grid";
import { ReceiverChecklist } from "@/components/steps/receiver-checklist";
import { OldRootDecision } from "@/components/steps/old-root-decision";
import { DowntimeWindow } from "@/components/steps/downtime-window";
import { CompleteStepForm } from "./complete-step-form";

export interface StepContext {
  detail: CaseDetail;
  details: ProcedureDetails;
  viewerRoles: Role[];
  zone: string;
  /** Grid cells of the restart step still open (A9 waits for them). */
  restartsMissing: { flow: string; node: string }[];
  now: Date;
}

const who = (person: { name: string | null; email: string } | null) => person?.name ?? person?.email ?? "unknown";

function decisionText(details: unknown): string | undefined {
  if (typeof details !== "object" || details === null || !("oldRoot" in details)) return undefined;
  const decision = details as { oldRoot: string; reason?: string };
  return `old root CA ${decision.oldRoot}${decision.reason ? ` — ${decision.reason}` : ""}`;
}

/** What a step card shows below its help: the step's own information and, for the person whose turn it is, its form. */
export function StepAction({ step, context }: { step: StepDefinition; context: StepContext }) {
  const { detail, details, viewerRoles, zone, now } = context;
  const state = detail.steps.find((candidate) => candidate.number === step.number)!;
  const open = detail.status === "OPEN";
  const ready = state.status === "READY" && open;
  const mine = viewerRoles.includes(step.role) || (!!step.with && viewerRoles.includes(step.with));
  const at = (date: Date) => formatInZone(date, zone);

  switch (step.input) {
    case "certificates":
      return ready && mine ? <CertificateUploadForm caseId={detail.id} /> : null;
    case "keystore-alias": {
      const alias = (state.details as { alias?: string } | null)?.alias;
      if (alias) return <p className="mt-1 text-sm">Imported under the alias <code>{alias}</code> (the case&apos;s alias).</p>;
      return ready && mine ? <KeystoreAliasForm caseId={detail.id} stepNumber={step.number} /> : null;
    }
    case "flow-node-grid": {
      if (state.status === "BLOCKED" || state.status === "CANCELLED") return null;
      const confirmations = details.confirmations.filter((confirmation) => confirmation.stepNumber === step.number);
      const cells = gridCells(detail.integrationFlows, detail.runtimeNodes).map((cell) => {
        const done = confirmations.find((confirmation) => confirmation.flow === cell.flow && confirmation.node === cell.node);
        return { ...cell, ...(done ? { confirmed: `${who(done.confirmedBy)}, ${at(done.confirmedAt)}` } : {}) };
      });
      const canConfirm = open && mine && cells.some((cell) => !cell.confirmed);
      return <FlowNodeGrid caseId={detail.id} stepNumber={step.number} verb={step.key === "stop-flows" ? "Stop" : "Restart"} flows={detail.integrationFlows} nodes={detail.runtimeNodes} cells={cells} canConfirm={canConfirm} />;
    }
    case "receiver-checklist": {
      if (state.status === "BLOCKED" || state.status === "CANCELLED") return null;
      const items = details.checklist
        .filter((item) => item.stepNumber === step.number)
        .map((item) => ({
          id: item.id, label: item.label, thirdParty: item.thirdParty,
          ...(item.doneAt ? { done: `${item.performedBy ?? "receiver administrator"}, recorded by ${who(item.doneBy)} on ${at(item.doneAt)}` } : {}),
        }));
      return (
        <>
          <ReceiverChecklist caseId={detail.id} items={items} canAct={ready && mine} landscape={LANDSCAPE_LABEL[detail.receiverLandscape]} />
          {detail.variant === "B" ? (
            <OldRootDecision caseId={detail.id} stepNumber={step.number} view={details.oldRoot} askOldClientCertificate={false} canAct={ready && mine} recorded={decisionText(state.details)} />
          ) : null}
        </>
      );
    }
    case "old-root-removal": {
      if (state.status === "BLOCKED" || state.status === "CANCELLED") return null;
      const missing = context.restartsMissing;
      const blockedBy = missing.length
        ? `Blocked: the flows have not been restarted on every node yet (${missing.map((cell) => `${cell.flow} on ${cell.node}`).join(", ")}). Until then those nodes may still present the old certificate, so it must stay accepted.`
        : undefined;
      return (
        <OldRootDecision caseId={detail.id} stepNumber={step.number} view={details.oldRoot} askOldClientCertificate canAct={ready && mine} recorded={decisionText(state.details)} blockedBy={blockedBy} />
      );
    }
    case "downtime-window": {
      if (state.status === "BLOCKED" || state.status === "CANCELLED") return null;
      const handover = detail.steps.find((candidate) => candidate.number === step.number + 1);
      const waiting = open && handover?.status === "READY" && !!detail.windowStart && detail.windowStart > now;
      const party = proposingRole(viewerRoles);
      return (
        <DowntimeWindow
          caseId={detail.id}
          proposals={details.proposals.map((proposal) => ({
            id: proposal.id, when: `${at(proposal.start)} to ${at(proposal.end)}`, status: proposal.status, by: who(proposal.proposedBy),
            canAccept: open && (ready || waiting) && mayAccept(proposal.proposedAsRole, viewerRoles),
          }))}
          canPropose={!!party && (ready || waiting)}
          agreed={detail.windowStart && detail.windowEnd ? `${at(detail.windowStart)} to ${at(detail.windowEnd)}` : undefined}
          stopEarlyFrom={waiting && viewerRoles.includes("TENANT_ADMIN") ? at(detail.windowStart!) : undefined}
        />
      );
    }
    default:
      return ready && mine && step.kind === "action" ? <CompleteStepForm caseId={detail.id} stepNumber={step.number} /> : null;
  }
}
