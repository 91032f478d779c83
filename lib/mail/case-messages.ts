import "server-only";
import { composeMail } from "./compose";
import { appBaseUrl } from "./mode";
import type { OutgoingMessage } from "./outbox";
import { ROLE_LABEL, workflowFor, type Role, type StepDefinition, type Variant } from "@/lib/workflow";
import { OPERATING_MODEL_LABEL, OPERATING_MODEL_PARTY } from "@/lib/workflow/labels";
import type { OperatingModel } from "@/lib/generated/prisma/enums";

export interface CaseSummary {
  id: string;
  title: string;
  receiverSystem: string;
  variant: Variant;
  operatingModel: OperatingModel;
  keystoreAlias: string;
}

export interface Recipient {
  email: string;
  roles: Role[];
}

function caseUrl(caseId: string): string {
  return `${appBaseUrl()}/cases/${caseId}`;
}

function caseFacts(summary: CaseSummary): [string, string][] {
  return [
    ["Case", summary.title],
    ["Receiver system", summary.receiverSystem],
    ["Procedure", workflowFor(summary.variant).name],
    ["Operating model", `${OPERATING_MODEL_LABEL[summary.operatingModel]} (tenant-side steps done by ${OPERATING_MODEL_PARTY[summary.operatingModel]})`],
    ["Keystore alias", summary.keystoreAlias],
  ];
}

function why(summary: CaseSummary, recipient: Recipient): string {
  return `You receive this because you take part in the case "${summary.title}" on Renewal Desk as ${recipient.roles.map((role) => ROLE_LABEL[role].toLowerCase()).join(" and ")}.`;
}

/** "It is your turn": sent to every participant who holds the role of the step that became ready. */
export function stepReadyMessages(summary: CaseSummary, step: StepDefinition, recipients: Recipient[]): OutgoingMessage[] {
  const procedure = workflowFor(summary.variant);
  return recipients
    .filter((recipient) => recipient.roles.includes(step.role))
    .map((recipient) => ({
      caseId: summary.id,
      to: recipient.email,
      ...composeMail({
        subject: `${summary.title}: step ${step.number} is yours — ${step.title}`,
        heading: `Step ${step.number} of ${procedure.steps.length}: ${step.title}`,
        paragraphs: [
          `It is your turn as ${ROLE_LABEL[step.role].toLowerCase()}. ${step.help}`,
          `Why this matters: the tenant's client certificate is being replaced by one from a different CA, and each side has to act in a fixed order so that no message fails. ${procedure.summary}`,
          "Open the case to confirm the step when it is done.",
        ],
        facts: caseFacts(summary),
        action: { label: "Open the case", url: caseUrl(summary.id) },
        reason: why(summary, recipient),
      }),
    }));
}

export function addedToCaseMessages(summary: CaseSummary, recipients: Recipient[], addedBy: string): OutgoingMessage[] {
  return recipients.map((recipient) => ({
    caseId: summary.id,
    to: recipient.email,
    ...composeMail({
      subject: `${summary.title}: you have been added to a certificate renewal`,
      heading: `You take part in "${summary.title}"`,
      paragraphs: [
        `${addedBy} started a renewal of the tenant's client certificate with a new CA and named you ${recipient.roles.map((role) => ROLE_LABEL[role].toLowerCase()).join(" and ")}.`,
        "You will get a message whenever a step is yours. Sign in with this e-mail address to see the case.",
      ],
      facts: caseFacts(summary),
      action: { label: "Open the case", url: caseUrl(summary.id) },
      reason: why(summary, recipient),
    }),
  }));
}

export function caseClosedMessages(
  summary: CaseSummary,
  recipients: Recipient[],
  outcome: { kind: "completed" } | { kind: "cancelled"; reason: string; by: string },
): OutgoingMessage[] {
  return recipients.map((recipient) => ({
    caseId: summary.id,
    to: recipient.email,
    ...composeMail({
      subject:
        outcome.kind === "completed" ? `${summary.title}: renewal completed` : `${summary.title}: renewal cancelled`,
      heading: outcome.kind === "completed" ? "The renewal is complete" : "The renewal was cancelled",
      paragraphs:
        outcome.kind === "completed"
          ? ["Every step of the procedure is done. The case stays available with its full history."]
          : [`${outcome.by} cancelled the case. Reason given: ${outcome.reason}`, "No further steps are expected from you."],
      facts: caseFacts(summary),
      action: { label: "Open the case", url: caseUrl(summary.id) },
      reason: why(summary, recipient),
    }),
  }));
}
