import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { issueActionLinks } from "@/lib/mail/action-links";
import { stepReadyMessages, type CaseSummary, type Recipient, type StepMessageOptions } from "@/lib/mail/case-messages";
import type { OutgoingMessage } from "@/lib/mail/outbox";
import { confirmableByLink, workflowFor } from "../definitions";
import { newLeafAndRoot } from "@/lib/certificates/store/case-certificates";

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
  const openTasks = step.input === "receiver-checklist" ? await tx.checklistItem.count({ where: { caseId: summary.id, stepNumber, doneAt: null } }) : 1;
  // A custom checklist without tasks yet must first be written on the case page.
  if (confirmableByLink(step) && openTasks > 0 && holders.length > 0) {
    const row = await tx.step.findUniqueOrThrow({ where: { caseId_number: { caseId: summary.id, number: stepNumber } }, select: { id: true } });
    actionUrls = await issueActionLinks(tx, row.id, step.role, holders.map((holder) => holder.userId));
  }
  const before = workflowFor(summary.variant).steps[stepNumber - 2];
  const handover = before?.key === "handover-certificate" ? await certificateHandover(tx, summary.id) : undefined;
  return stepReadyMessages(summary, step, holders, { ...options, actionUrls, handover });
}

/**
 * The certificate hand-over reaches the receiver administrator with the message of their next step: the new
 * client certificate and root as PEM files, and their SHA-256 fingerprints to compare on arrival.
 */
async function certificateHandover(tx: Prisma.TransactionClient, caseId: string): Promise<StepMessageOptions["handover"]> {
  const certificates = await newLeafAndRoot(tx, caseId);
  if (certificates.length === 0) return undefined;
  const label = (role: string) => (role === "leaf" ? "new client certificate" : "new root CA");
  return {
    paragraphs: [
      `Attached: the ${certificates.map((certificate) => label(certificate.role)).join(" and ")} as PEM files. Compare their SHA-256 fingerprints with what you import:`,
      ...certificates.map((certificate) => `${label(certificate.role)} (${certificate.subject}): ${certificate.fingerprints.sha256}`),
    ],
    attachments: certificates.map((certificate) => ({
      filename: certificate.role === "leaf" ? "new-client-certificate.pem" : "new-root-ca.pem",
      contentType: "application/x-pem-file",
      content: certificate.pem,
    })),
  };
}
