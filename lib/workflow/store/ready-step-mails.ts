import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { issueActionLinks } from "@/lib/mail/action-links";
import { stepReadyMessages, type CaseSummary, type Recipient, type StepMessageOptions } from "@/lib/mail/case-messages";
import type { OutgoingMessage } from "@/lib/mail/outbox";
import { workflowFor } from "../definitions";

/**
 * The "your turn" messages for a step that is ready, with a fresh single-use confirmation link for each
 * person holding its role when the step needs no input.
 */
export async function readyStepMails(
  tx: Prisma.TransactionClient,
  summary: CaseSummary,
  stepNumber: number,
  recipients: Recipient[],
  options: Omit<StepMessageOptions, "actionUrls"> = {},
): Promise<OutgoingMessage[]> {
  const step = workflowFor(summary.variant).steps[stepNumber - 1]!;
  const holders = recipients.filter((recipient) => recipient.roles.includes(step.role));
  let actionUrls: Map<string, string> | undefined;
  if (step.kind === "action" && !step.needsInput && holders.length > 0) {
    const row = await tx.step.findUniqueOrThrow({ where: { caseId_number: { caseId: summary.id, number: stepNumber } }, select: { id: true } });
    actionUrls = await issueActionLinks(tx, row.id, step.role, holders.map((holder) => holder.userId));
  }
  return stepReadyMessages(summary, step, holders, { ...options, actionUrls });
}
