import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { issueActionLinks } from "@/lib/mail/store/action-links";
import { stepReadyMessages, type CaseSummary, type Recipient, type StepMessageOptions } from "@/lib/mail/case-messages";
import type { OutgoingMessage } from "@/lib/mail/store/outbox";
import {
  confirmableByLink,
  stepBefore,
  stepDefinition,
  workflowFor,
  type StepDefinition,
  type WorkflowDefinition,
} from "../definitions";
import { askedWhenReady } from "../turn";
import { newLeafAndRoot } from "@/lib/certificates/store/case-certificates";
import { utcText } from "@/lib/mail/compose";

/**
 * The "your turn" messages for a step that is ready, to everyone the rule of who may act asks (lib/workflow/turn.ts),
 * with a fresh single-use confirmation link for each of them when the step needs no input. A hand-over the app
 * performs at a moment says when, and how to start it earlier.
 */
export async function readyStepMails(
  tx: Prisma.TransactionClient,
  summary: CaseSummary,
  stepNumber: number,
  recipients: Recipient[],
  options: Omit<StepMessageOptions, "actionUrls" | "scheduledAt"> = {},
): Promise<OutgoingMessage[]> {
  const step = stepDefinition(summary.procedure, stepNumber);
  if (!step) return [];
  const asked = askedWhenReady(step);
  const holders = recipients.filter((recipient) => recipient.roles.some((role) => asked.includes(role)));
  let actionUrls: Map<string, string> | undefined;
  const openTasks =
    step.input === "receiver-checklist"
      ? await tx.checklistItem.count({ where: { caseId: summary.id, stepNumber, doneAt: null } })
      : 1;
  // A custom checklist without tasks yet must first be written on the case page.
  if (confirmableByLink(step) && openTasks > 0 && holders.length > 0) {
    const row = await tx.step.findUniqueOrThrow({
      where: { caseId_number: { caseId: summary.id, number: stepNumber } },
      select: { id: true },
    });
    const linkHolders = holders.map((holder) => ({
      userId: holder.userId,
      role: holder.roles.find((role) => asked.includes(role))!,
    }));
    actionUrls = await issueActionLinks(tx, row.id, linkHolders);
  }
  const definition = workflowFor(summary.procedure);
  const before = stepBefore(definition, stepNumber);
  const handover = before?.delivers ? await handoverMaterial(tx, summary.id, definition, before.delivers) : undefined;
  const scheduledAt =
    step.waitsFor === "window-start"
      ? ((await tx.case.findUniqueOrThrow({ where: { id: summary.id }, select: { windowStart: true } })).windowStart ??
        null)
      : undefined;
  return stepReadyMessages(summary, step, holders, {
    ...options,
    actionUrls,
    handover,
    ...(scheduledAt !== undefined ? { scheduledAt } : {}),
  });
}

/**
 * What a hand-over passes on reaches the next person with the message of their step: the new certificate and/or root
 * as PEM files with their SHA-256 fingerprints to compare on arrival, and the announced cut-over when there is one.
 */
async function handoverMaterial(
  tx: Prisma.TransactionClient,
  caseId: string,
  definition: WorkflowDefinition,
  delivers: NonNullable<StepDefinition["delivers"]>,
): Promise<StepMessageOptions["handover"]> {
  const wanted = { "certificate-and-root": ["leaf", "root"], certificate: ["leaf"], root: ["root"] }[delivers];
  const certificates = (await newLeafAndRoot(tx, caseId)).filter((certificate) => wanted.includes(certificate.role));
  const { cutOverAt } = await tx.case.findUniqueOrThrow({ where: { id: caseId }, select: { cutOverAt: true } });
  const cutOver = cutOverAt ? [`The load balancer switches to its new certificate at ${utcText(cutOverAt)}.`] : [];
  if (certificates.length === 0) return cutOver.length ? { paragraphs: cutOver, attachments: [] } : undefined;
  const purpose = definition.certificate.purpose;
  const label = (role: string) => (role === "leaf" ? `new ${purpose} certificate` : "new root CA");
  return {
    paragraphs: [
      ...cutOver,
      `Attached: the ${certificates.map((certificate) => label(certificate.role)).join(" and ")} as PEM files. Compare their SHA-256 fingerprints with what you import:`,
      ...certificates.map(
        (certificate) => `${label(certificate.role)} (${certificate.subject}): ${certificate.fingerprints.sha256}`,
      ),
    ],
    attachments: certificates.map((certificate) => ({
      filename: certificate.role === "leaf" ? `new-${purpose}-certificate.pem` : "new-root-ca.pem",
      contentType: "application/x-pem-file",
      content: certificate.pem,
    })),
  };
}
