import "server-only";
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AuditEntry } from "@/lib/audit/store/record";
import type { MailAttachment } from "@/lib/mail/store/transport";
import { listUnsubscribeHeaders } from "@/lib/mail/opt-out";

export interface OutgoingMessage {
  caseId?: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments?: MailAttachment[];
}

/**
 * Writes a workspace's messages into the outbox in the caller's transaction (the mail worker delivers them after
 * commit) and returns their audit events for the caller to record with its own. Addresses that refused mail from the
 * workspace get nothing (recorded as suppressed); every message carries the one-click refusal header.
 */
export async function queueCaseMail(
  tx: Prisma.TransactionClient,
  workspaceId: string,
  messages: OutgoingMessage[],
): Promise<AuditEntry[]> {
  if (messages.length === 0) return [];
  const addresses = [...new Set(messages.map((message) => message.to.toLowerCase()))];
  const refused = new Set(
    (await tx.mailOptOut.findMany({ where: { workspaceId, email: { in: addresses } }, select: { email: true } })).map(
      (row) => row.email,
    ),
  );
  const sending = messages.filter((message) => !refused.has(message.to.toLowerCase()));
  if (sending.length > 0) {
    await tx.outgoingMail.createMany({
      data: sending.map((message) => ({
        caseId: message.caseId ?? null,
        toAddress: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId: `<${randomUUID()}@renewal-desk>`,
        attachments: message.attachments ? (message.attachments as unknown as Prisma.InputJsonValue) : undefined,
        headers: listUnsubscribeHeaders(workspaceId, message.to),
      })),
    });
  }
  return messages.map((message) => ({
    workspaceId,
    ...(message.caseId ? { caseId: message.caseId } : {}),
    kind: refused.has(message.to.toLowerCase()) ? "mail.suppressed" : "mail.queued",
    channel: "SYSTEM",
    data: { to: message.to, subject: message.subject },
  }));
}
