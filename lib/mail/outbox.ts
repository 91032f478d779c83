import "server-only";
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { MailAttachment } from "./transport";

export interface OutgoingMessage {
  caseId?: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments?: MailAttachment[];
}

/** Writes messages in the caller's transaction; the mail worker delivers them after commit. */
export async function enqueueMail(tx: Prisma.TransactionClient, messages: OutgoingMessage[]): Promise<void> {
  if (messages.length === 0) return;
  await tx.outgoingMail.createMany({
    data: messages.map((message) => ({
      caseId: message.caseId ?? null,
      toAddress: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      messageId: `<${randomUUID()}@renewal-desk>`,
      attachments: message.attachments ? (message.attachments as unknown as Prisma.InputJsonValue) : undefined,
    })),
  });
}
