import "server-only";
import { notFound } from "next/navigation";
import { db } from "@/lib/db";
import { mailboxEnabled } from "@/lib/mail/mode";
import type { MailAttachment } from "@/lib/mail/store/transport";

export { mailboxEnabled };

/** The development mailbox exists only when mail is not really sent; otherwise its pages answer 404. */
export function assertMailboxEnabled(): void {
  if (!mailboxEnabled()) notFound();
}

export async function listMailbox(to?: string) {
  return db().mailboxMessage.findMany({
    where: to ? { toAddress: to.toLowerCase() } : undefined,
    orderBy: { receivedAt: "desc" },
    take: 100,
    select: { id: true, toAddress: true, subject: true, receivedAt: true, attachmentNames: true },
  });
}

export async function mailboxMessage(id: string) {
  if (!mailboxEnabled()) return null;
  return db().mailboxMessage.findUnique({ where: { id } });
}

type Stored = NonNullable<Awaited<ReturnType<typeof mailboxMessage>>>;

/** The attachments as they were sent (older messages kept only their names). */
export function mailboxAttachments(message: Stored): MailAttachment[] {
  if (Array.isArray(message.attachments)) return message.attachments as unknown as MailAttachment[];
  return message.attachmentNames.map((filename) => ({
    filename,
    contentType: "text/plain",
    content: "(only the name of this attachment was kept)",
  }));
}

export function mailboxHeaders(message: Stored): Record<string, string> {
  const headers = message.headers;
  if (!headers || typeof headers !== "object" || Array.isArray(headers)) return {};
  return Object.fromEntries(
    Object.entries(headers).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
}
