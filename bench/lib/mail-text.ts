/**
 * Message bodies for the seeded outbox, written with the app's own composer (lib/mail/compose.ts) and the same
 * wording as lib/mail/case-messages.ts, so the rows have the size and shape of real ones.
 */
import { composeMail, utcText } from "@/lib/mail/compose";
import { ROLE_LABEL, type Role } from "@/lib/workflow/roles";
import { procedureName, workflowFor, type ProcedureId, type StepDefinition } from "@/lib/workflow/definitions";
import { OPERATING_MODEL_LABEL, OPERATING_MODEL_PARTY } from "@/lib/workflow/labels";

export interface MailCase {
  id: string;
  title: string;
  receiverSystem: string;
  procedure: ProcedureId;
  operatingModel: "CUSTOMER_MANAGED" | "SAP_MANAGED";
  keystoreAlias: string;
}

export interface MailBody {
  subject: string;
  text: string;
  html: string;
}

const BASE_URL = "https://renewal-desk.example.com";

function facts(c: MailCase): [string, string][] {
  return [
    ["Case", c.title],
    ["Receiver system", c.receiverSystem],
    ["Procedure", procedureName(workflowFor(c.procedure))],
    [
      "Operating model",
      `${OPERATING_MODEL_LABEL[c.operatingModel]} (tenant-side steps done by ${OPERATING_MODEL_PARTY[c.operatingModel]})`,
    ],
    ["Keystore alias", c.keystoreAlias],
  ];
}

const roleList = (roles: readonly Role[]) => roles.map((role) => ROLE_LABEL[role].toLowerCase()).join(" and ");
const why = (c: MailCase, roles: readonly Role[]) =>
  `You receive this because you take part in the case "${c.title}" on Renewal Desk as ${roleList(roles)}.`;
const caseUrl = (c: MailCase) => `${BASE_URL}/cases/${c.id}`;

export function addedMail(c: MailCase, roles: readonly Role[], addedBy: string): MailBody {
  return composeMail({
    subject: `${c.title}: you have been added to a certificate renewal`,
    heading: `You take part in "${c.title}"`,
    paragraphs: [
      `${addedBy} started a renewal in the workspace (${procedureName(workflowFor(c.procedure))}) and named you ${roleList(roles)}.`,
      "You will get a message whenever a step is yours. Sign in with this e-mail address to see the case.",
    ],
    facts: facts(c),
    action: { label: "Open the case", url: caseUrl(c) },
    reason: why(c, roles),
  });
}

export function readyMail(
  c: MailCase,
  step: StepDefinition,
  roles: readonly Role[],
  actionToken: string | null,
  options: { reminder?: { number: number; of: number; waitingSince: Date }; handover?: string[] } = {},
): MailBody {
  const procedure = workflowFor(c.procedure);
  const confirm = actionToken
    ? {
        paragraph:
          "When it is done, confirm it with the button below: no sign-in needed. The link is yours alone, works once and expires after 7 days.",
        action: { label: "Confirm this step", url: `${BASE_URL}/a/${actionToken}` },
      }
    : {
        paragraph: "This step needs information from you, so it is confirmed on the case page after signing in.",
        action: { label: "Open the case", url: caseUrl(c) },
      };
  const reminder = options.reminder;
  return composeMail({
    subject: reminder
      ? `${c.title}: reminder ${reminder.number} of ${reminder.of} — step ${step.number} is waiting for you`
      : `${c.title}: step ${step.number} is yours — ${step.title}`,
    heading: `Step ${step.number} of ${procedure.steps.length}: ${step.title}`,
    paragraphs: [
      ...(reminder ? [`This step has been waiting for you since ${utcText(reminder.waitingSince)}.`] : []),
      `It is your turn as ${ROLE_LABEL[step.role].toLowerCase()}. ${step.help}`,
      `Why this matters: the tenant's client certificate is being replaced by one from a different CA, and each side has to act in a fixed order so that no message fails. ${procedure.summary}`,
      ...(options.handover ?? []),
      confirm.paragraph,
    ],
    facts: facts(c),
    action: confirm.action,
    reason: why(c, roles),
  });
}

export function escalationMail(c: MailCase, step: StepDefinition, waitingOn: string[], waitingSince: Date): MailBody {
  return composeMail({
    subject: `${c.title}: step ${step.number} is stuck — please follow up`,
    heading: `Step ${step.number} has been waiting since ${utcText(waitingSince)}`,
    paragraphs: [
      `The ${ROLE_LABEL[step.role].toLowerCase()} (${waitingOn.join(", ") || "nobody named"}) was reminded several times and has not confirmed "${step.title}".`,
      "Please get in touch with them, or name someone else for the role.",
    ],
    facts: facts(c),
    action: { label: "Open the case", url: caseUrl(c) },
    reason: `You receive this because you own the workspace of the case "${c.title}" on Renewal Desk.`,
  });
}

export function closedMail(
  c: MailCase,
  roles: readonly Role[],
  outcome: { kind: "completed" } | { kind: "cancelled"; reason: string; by: string },
): MailBody {
  return composeMail({
    subject: outcome.kind === "completed" ? `${c.title}: renewal completed` : `${c.title}: renewal cancelled`,
    heading: outcome.kind === "completed" ? "The renewal is complete" : "The renewal was cancelled",
    paragraphs:
      outcome.kind === "completed"
        ? ["Every step of the procedure is done. The case stays available with its full history."]
        : [
            `${outcome.by} cancelled the case. Reason given: ${outcome.reason}`,
            "No further steps are expected from you.",
          ],
    facts: facts(c),
    action: { label: "Open the case", url: caseUrl(c) },
    reason: why(c, roles),
  });
}

export function windowProposedMail(c: MailCase, proposer: string, windows: { start: Date; end: Date }[]): MailBody {
  return composeMail({
    subject: `${c.title}: downtime window proposed — please accept one or propose another`,
    heading: "A downtime window was proposed",
    paragraphs: [
      `${proposer} (tenant administrator) proposes ${windows.length === 1 ? "this window" : "these windows"} for exchanging the certificate:`,
      ...windows.map((window) => `• ${utcText(window.start)} to ${utcText(window.end)}`),
      "While the window lasts, the flows that use the client certificate are stopped. Accept one on the case page, or propose other times.",
    ],
    action: { label: "Open the case", url: caseUrl(c) },
    reason: `You receive this because you are the receiver administrator on "${c.title}".`,
  });
}

export function windowAgreedMail(c: MailCase, window: { start: Date; end: Date }): MailBody & { ics: string } {
  const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, "").slice(0, 15) + "Z";
  const ics = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Renewal Desk//EN",
    "METHOD:REQUEST",
    "BEGIN:VEVENT",
    `UID:downtime-${c.id}@renewal-desk`,
    "SEQUENCE:0",
    `DTSTAMP:${stamp(window.start)}`,
    `DTSTART:${stamp(window.start)}`,
    `DTEND:${stamp(window.end)}`,
    `SUMMARY:Downtime: ${c.title}`,
    `DESCRIPTION:Certificate exchange for ${c.receiverSystem}.`,
    `URL:${caseUrl(c)}`,
    "END:VEVENT",
    "END:VCALENDAR",
  ].join("\r\n");
  return {
    ...composeMail({
      subject: `${c.title}: downtime window agreed — ${utcText(window.start)} to ${utcText(window.end)}`,
      heading: "The downtime window is agreed",
      paragraphs: [
        `Window: ${utcText(window.start)} to ${utcText(window.end)}. The attached invitation puts it in your calendar in your own time zone.`,
        "When it starts, Renewal Desk asks the integration developer to stop the flows that use the client certificate.",
      ],
      action: { label: "Open the case", url: caseUrl(c) },
      reason: `You receive this because you take part in the case "${c.title}" on Renewal Desk.`,
    }),
    ics,
  };
}
