import "server-only";
import { calendarInvitation } from "./ics";
import { caseSubject, composeMail, utcText } from "./compose";
import { appBaseUrl, mailFrom } from "./mode";
import type { CaseSummary, Recipient } from "./case-messages";
import type { OutgoingMessage } from "@/lib/mail/store/outbox";
import { ROLE_LABEL, type Role } from "@/lib/workflow/roles";
import type { Window } from "@/lib/workflow/downtime";

function describeWindow(window: Window): string {
  return `${utcText(window.start)} to ${utcText(window.end)}`;
}

function caseLink(summary: CaseSummary) {
  return { label: "Open the case", url: `${appBaseUrl()}/cases/${summary.id}` };
}

/** The other side learns that windows were proposed and that they accept one (or propose others) on the case page. */
export function windowProposedMessages(
  summary: CaseSummary,
  recipients: Recipient[],
  proposedAs: Role,
  proposer: string,
  windows: Window[],
): OutgoingMessage[] {
  const otherSide: Role = proposedAs === "TENANT_ADMIN" ? "RECEIVER_ADMIN" : "TENANT_ADMIN";
  return recipients
    .filter((recipient) => recipient.roles.includes(otherSide))
    .map((recipient) => ({
      caseId: summary.id,
      to: recipient.email,
      ...composeMail({
        subject: caseSubject(summary.title, "downtime window proposed, please accept one or propose another"),
        heading: "A downtime window was proposed",
        paragraphs: [
          `${proposer} (${ROLE_LABEL[proposedAs].toLowerCase()}) proposes ${windows.length === 1 ? "this window" : "these windows"} for exchanging the certificate:`,
          ...windows.map((window) => `• ${describeWindow(window)}`),
          "While the window lasts, the flows that use the client certificate are stopped. Accept one on the case page, or propose other times.",
        ],
        action: caseLink(summary),
        reason: `You receive this because you are the ${ROLE_LABEL[otherSide].toLowerCase()} on "${summary.title}".`,
      }),
    }));
}

/** Everyone on the case gets the agreed window as a calendar invitation; an update or a cancellation replaces it. */
export function windowInvitationMessages(
  summary: CaseSummary,
  recipients: Recipient[],
  window: Window,
  sequence: number,
  method: "REQUEST" | "CANCEL",
  now: Date,
): OutgoingMessage[] {
  const sender = /<([^>]+)>/.exec(mailFrom())?.[1] ?? mailFrom();
  const ics = calendarInvitation({
    uid: `downtime-${summary.id}@renewal-desk`,
    sequence,
    method,
    start: window.start,
    end: window.end,
    stamp: now,
    summary: `Downtime: ${summary.title}`,
    description: `Certificate exchange for ${summary.receiverSystem}. The flows that use the client certificate (alias ${summary.keystoreAlias}) are stopped during this window.`,
    organizer: { name: "Renewal Desk", email: sender },
    attendees: recipients.map((recipient) => ({ email: recipient.email })),
    url: `${appBaseUrl()}/cases/${summary.id}`,
  });
  const cancelled = method === "CANCEL";
  const updated = !cancelled && sequence > 0;
  return recipients.map((recipient) => ({
    caseId: summary.id,
    to: recipient.email,
    ...composeMail({
      subject: caseSubject(
        summary.title,
        `downtime window ${cancelled ? "cancelled" : updated ? "moved" : "agreed"}, ${describeWindow(window)}`,
      ),
      heading: cancelled
        ? "The downtime window is cancelled"
        : updated
          ? "The downtime window has moved"
          : "The downtime window is agreed",
      paragraphs: cancelled
        ? [
            `The window ${describeWindow(window)} no longer applies. The attached invitation removes it from your calendar.`,
          ]
        : [
            `Window: ${describeWindow(window)}. The attached invitation puts it in your calendar in your own time zone.`,
            "When it starts, Renewal Desk asks the integration developer to stop the flows that use the client certificate.",
          ],
      action: caseLink(summary),
      reason: `You receive this because you take part in the case "${summary.title}" on Renewal Desk.`,
    }),
    attachments: [
      {
        filename: cancelled ? "cancel.ics" : "invite.ics",
        contentType: `text/calendar; charset=utf-8; method=${method}`,
        content: ics,
      },
    ],
  }));
}

export function windowOverdueMessages(
  summary: CaseSummary & { windowEnd: Date | null },
  emails: string[],
  openSteps: number[],
): OutgoingMessage[] {
  return emails.map((email) => ({
    caseId: summary.id,
    to: email,
    ...composeMail({
      subject: caseSubject(summary.title, "the downtime window has ended with steps still open"),
      heading: "The downtime window is over, the renewal is not",
      paragraphs: [
        `The agreed window ended at ${summary.windowEnd ? utcText(summary.windowEnd) : "its end"}, and steps ${openSteps.join(", ")} are still open. Messages to the receiver may fail until the certificate exchange is finished and the flows run again.`,
        "Check the case now: finish the remaining steps, or agree with the other side how to proceed.",
      ],
      action: caseLink(summary),
      reason: `You receive this because you take part in, or own the workspace of, the case "${summary.title}" on Renewal Desk.`,
    }),
  }));
}
