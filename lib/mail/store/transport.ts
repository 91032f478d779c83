import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { mailFrom, mailMode } from "@/lib/mail/mode";

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  attachments?: MailAttachment[];
  /** Extra header fields (List-Unsubscribe …). */
  headers?: Record<string, string>;
}

// One transport per SMTP_URL (tests and reconfiguration may change it).
const transports = new Map<string, Transporter>();

function smtpTransport(url: string): Transporter {
  let transport = transports.get(url);
  if (!transport) {
    transport = nodemailer.createTransport(url);
    transports.set(url, transport);
  }
  return transport;
}

/**
 * Hands one message to SMTP, or to the development mailbox. Throws when it could not be delivered.
 * `tx` lets the mailbox write share the worker's transaction (the embedded database has one connection).
 */
export async function deliver(message: MailMessage, tx: Prisma.TransactionClient = db()): Promise<void> {
  const mode = mailMode();
  if (mode === "smtp") {
    const info = await smtpTransport(process.env.SMTP_URL!).sendMail({ from: mailFrom(), ...message });
    const refused = [...info.rejected, ...(info.pending ?? [])];
    if (refused.length > 0) throw new Error(`The SMTP server refused ${refused.length} recipient(s)`);
    return;
  }
  if (mode === "mailbox") {
    await tx.mailboxMessage.create({
      data: {
        toAddress: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId: message.messageId,
        attachmentNames: (message.attachments ?? []).map((attachment) => attachment.filename),
        attachments: message.attachments ? (message.attachments as unknown as Prisma.InputJsonValue) : undefined,
        headers: message.headers,
      },
    });
    return;
  }
  throw new Error("Mail is not configured: set SMTP_URL, or DEV_MAILBOX=1 for the development mailbox.");
}
