import "server-only";
import { caseSubject, composeMail, utcText } from "./compose";
import { appBaseUrl } from "./mode";
import type { CaseSummary } from "./case-messages";
import type { OutgoingMessage } from "@/lib/mail/store/outbox";
import { ROLE_LABEL, stepLabel, type StepDefinition } from "@/lib/workflow";

/**
 * A day before the load balancer switches, a step due by then is still open: everyone on the case and the workspace
 * owners hear of it once, while there is still time.
 */
export function cutOverAtRiskMessages(
  summary: CaseSummary,
  emails: string[],
  open: StepDefinition[],
  cutOverAt: Date,
): OutgoingMessage[] {
  const when = utcText(cutOverAt);
  const steps = open.map((step) => `step ${stepLabel(step)} (${step.title}, ${ROLE_LABEL[step.role].toLowerCase()})`);
  return emails.map((email) => ({
    caseId: summary.id,
    to: email,
    ...composeMail({
      subject: caseSubject(
        summary.title,
        `the cut-over at ${when} is near and ${steps.length === 1 ? "a step is" : "steps are"} still open`,
      ),
      heading: "The load balancer switches soon; a step due before it is still open",
      paragraphs: [
        `The load balancer presents its new certificate at ${when}. Still open: ${steps.join("; ")}.`,
        "A sender that does not trust the new root by then cannot reach the tenant. Finish the step now, or agree with the load balancer administrator to move the cut-over.",
      ],
      action: { label: "Open the case", url: `${appBaseUrl()}/cases/${summary.id}` },
      reason: `You receive this because you take part in, or own the workspace of, the case "${summary.title}" on Renewal Desk.`,
    }),
  }));
}
