import "server-only";
import { caseSubject, composeMail, utcText } from "./compose";
import { personLabel } from "@/lib/people";
import { optOutPageUrl } from "./opt-out";
import { appBaseUrl } from "./mode";
import { actionLinkLifetimeDays } from "./action-link-config";
import type { OutgoingMessage } from "@/lib/mail/store/outbox";
import type { MailAttachment } from "@/lib/mail/store/transport";
import {
  ROLE_LABEL,
  procedureName,
  stepLabel,
  stepTotal,
  workflowFor,
  type ProcedureId,
  type Role,
  type StepDefinition,
} from "@/lib/workflow";
import { PEER_LABEL } from "@/lib/workflow/labels";
import { OPERATING_MODEL_LABEL, OPERATING_MODEL_PARTY } from "@/lib/workflow/labels";
import type { OperatingModel } from "@/lib/generated/prisma/enums";

export interface CaseSummary {
  id: string;
  title: string;
  receiverSystem: string;
  procedure: ProcedureId;
  operatingModel: OperatingModel;
  keystoreAlias: string | null;
}

export interface Recipient {
  userId: string;
  email: string;
  /** False for someone who never signed in: their first mail says who named them and how to refuse more. */
  signedInBefore: boolean;
  roles: Role[];
}

function caseUrl(caseId: string): string {
  return `${appBaseUrl()}/cases/${caseId}`;
}

function caseFacts(summary: CaseSummary): [string, string][] {
  return [
    ["Case", summary.title],
    [PEER_LABEL[workflowFor(summary.procedure).peer], summary.receiverSystem],
    ["Procedure", procedureName(workflowFor(summary.procedure))],
    [
      "Operating model",
      `${OPERATING_MODEL_LABEL[summary.operatingModel]} (tenant-side steps done by ${OPERATING_MODEL_PARTY[summary.operatingModel]})`,
    ],
    ...(summary.keystoreAlias ? [["Keystore alias", summary.keystoreAlias] as [string, string]] : []),
  ];
}

function why(summary: CaseSummary, recipient: Recipient): string {
  return `You receive this because you take part in the case "${summary.title}" on Renewal Desk as ${recipient.roles.map((role) => ROLE_LABEL[role].toLowerCase()).join(" and ")}.`;
}

/** The one sentence every "your turn" message carries on why the order matters. */
function whyTheOrderMatters(summary: CaseSummary): string {
  const procedure = workflowFor(summary.procedure);
  return `Why this matters: ${procedure.why} ${procedure.summary}`;
}

/** How the person confirms: a one-click link for steps without input, otherwise the case page behind sign-in. */
function confirmation(summary: CaseSummary, actionUrl: string | undefined) {
  return actionUrl
    ? {
        paragraph: `When it is done, confirm it with the button below: no sign-in needed. The link is yours alone, works once and expires after ${actionLinkLifetimeDays()} days. For a checklist, it records every task as done (by you, or by the third party the task names); to record tasks one by one, use the case page.`,
        action: { label: "Confirm this step", url: actionUrl },
      }
    : {
        paragraph: "This step needs information from you, so it is confirmed on the case page after signing in.",
        action: { label: "Open the case", url: caseUrl(summary.id) },
      };
}

export interface StepMessageOptions {
  /** Per participant: the action link of this step, for steps that need no input. */
  actionUrls?: Map<string, string>;
  /** For reminders: which reminder this is and since when the step waits. */
  reminder?: { number: number; of: number; waitingSince: Date };
  /** What a hand-over delivers with the message (the certificates, as files and fingerprints). */
  handover?: { paragraphs: string[]; attachments: MailAttachment[] };
  /** A hand-over the app performs at a moment (the downtime window's start): when, or null while none is agreed. */
  scheduledAt?: Date | null;
}

/**
 * "It is your turn" (or a reminder of it), to the people the step asks for (chosen by the caller from
 * lib/workflow/turn.ts). A step the app performs at a moment says so instead: when, and how to start it earlier.
 */
export function stepReadyMessages(
  summary: CaseSummary,
  step: StepDefinition,
  recipients: Recipient[],
  options: StepMessageOptions = {},
): OutgoingMessage[] {
  const procedure = workflowFor(summary.procedure);
  return recipients.map((recipient) => {
    const role = recipient.roles.find((held) => held === step.role || held === step.with) ?? step.role;
    if (options.scheduledAt !== undefined) return scheduledStepMessage(summary, step, recipient, options.scheduledAt);
    const confirm = confirmation(summary, options.actionUrls?.get(recipient.userId));
    const reminder = options.reminder;
    return {
      caseId: summary.id,
      to: recipient.email,
      ...composeMail({
        subject: reminder
          ? caseSubject(
              summary.title,
              `reminder ${reminder.number} of ${reminder.of}, step ${stepLabel(step)} is waiting for you`,
            )
          : caseSubject(summary.title, `step ${stepLabel(step)} is yours — ${step.title}`),
        heading: `Step ${stepLabel(step)} of ${stepTotal(procedure)}: ${step.title}`,
        paragraphs: [
          ...(reminder ? [`This step has been waiting for you since ${utcText(reminder.waitingSince)}.`] : []),
          `It is your turn as ${ROLE_LABEL[role].toLowerCase()}${step.with ? `, together with the ${ROLE_LABEL[role === step.role ? step.with : step.role].toLowerCase()}` : ""}. ${step.help}`,
          whyTheOrderMatters(summary),
          ...(options.handover?.paragraphs ?? []),
          confirm.paragraph,
        ],
        facts: caseFacts(summary),
        action: confirm.action,
        reason: why(summary, recipient),
      }),
      ...(options.handover ? { attachments: options.handover.attachments } : {}),
    };
  });
}

/** A hand-over the app performs when the window starts: nothing to do, unless the flows must stop earlier. */
function scheduledStepMessage(
  summary: CaseSummary,
  step: StepDefinition,
  recipient: Recipient,
  at: Date | null,
): OutgoingMessage {
  const when = at ? utcText(at) : "the start of the agreed downtime window";
  return {
    caseId: summary.id,
    to: recipient.email,
    ...composeMail({
      subject: caseSubject(summary.title, `step ${step.number} happens automatically at ${when}`),
      heading: `Step ${stepLabel(step)} of ${stepTotal(workflowFor(summary.procedure))}: ${step.title}`,
      paragraphs: [
        `Renewal Desk performs this step itself at ${when}: it tells the ${step.to ? ROLE_LABEL[step.to].toLowerCase() : "next person"} to go ahead. There is nothing for you to do until then.`,
        `To start earlier, open the case and use “Start step ${step.number} now” on step ${step.number}. ${step.help}`,
      ],
      facts: caseFacts(summary),
      action: { label: "Open the case", url: caseUrl(summary.id) },
      reason: why(summary, recipient),
    }),
  };
}

/** After the last reminder: the workspace owners learn that a step is stuck. */
export function escalationMessages(
  summary: CaseSummary,
  step: StepDefinition,
  owners: { email: string }[],
  waitingOn: string[],
  waitingSince: Date,
): OutgoingMessage[] {
  return owners.map((owner) => ({
    caseId: summary.id,
    to: owner.email,
    ...composeMail({
      subject: caseSubject(summary.title, `step ${stepLabel(step)} is stuck, please follow up`),
      heading: `Step ${stepLabel(step)} has been waiting since ${utcText(waitingSince)}`,
      paragraphs: [
        `The ${ROLE_LABEL[step.role].toLowerCase()} (${waitingOn.join(", ") || "nobody named"}) was reminded several times and has not confirmed "${step.title}".`,
        "Please get in touch with them, or name someone else for the role.",
      ],
      facts: caseFacts(summary),
      action: { label: "Open the case", url: caseUrl(summary.id) },
      reason: `You receive this because you own the workspace of the case "${summary.title}" on Renewal Desk.`,
    }),
  }));
}

export interface Invitation {
  by: { name: string | null; email: string };
  workspaceId: string;
  workspaceName: string;
}

export function addedToCaseMessages(
  summary: CaseSummary,
  recipients: Recipient[],
  invitation: Invitation,
): OutgoingMessage[] {
  const inviter = personLabel(invitation.by);
  return recipients.map((recipient) => ({
    caseId: summary.id,
    to: recipient.email,
    ...composeMail({
      subject: caseSubject(summary.title, "you have been added to a certificate renewal"),
      heading: `You take part in “${summary.title}”`,
      paragraphs: [
        `${inviter} started a renewal in the workspace “${invitation.workspaceName}” (${procedureName(workflowFor(summary.procedure))}) and named you ${recipient.roles.map((role) => ROLE_LABEL[role].toLowerCase()).join(" and ")}.`,
        "You will get a message whenever a step is yours. Sign in with this e-mail address to see the case.",
        ...(recipient.signedInBefore
          ? []
          : [
              `You have not used Renewal Desk before: this message was sent because ${inviter} entered your address. The title and names above were written by them, not by Renewal Desk. If you do not know them or do not want mail from this workspace, refuse all further mail from it here: ${optOutPageUrl(invitation.workspaceId, recipient.email)}`,
            ]),
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
      subject: caseSubject(summary.title, outcome.kind === "completed" ? "renewal completed" : "renewal cancelled"),
      heading: outcome.kind === "completed" ? "The renewal is complete" : "The renewal was cancelled",
      paragraphs:
        outcome.kind === "completed"
          ? ["Every step of the procedure is done. The case stays available with its full history."]
          : [
              `${outcome.by} cancelled the case. Reason given: ${outcome.reason}`,
              "No further steps are expected from you.",
            ],
      facts: caseFacts(summary),
      action: { label: "Open the case", url: caseUrl(summary.id) },
      reason: why(summary, recipient),
    }),
  }));
}
