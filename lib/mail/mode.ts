import { usesEmbeddedDatabase } from "@/lib/db/config";

/**
 * smtp: real delivery through SMTP_URL.
 * mailbox: messages land in the built-in /dev/mailbox page (embedded database or DEV_MAILBOX=1).
 * none: nothing can be delivered; sign-in says so.
 */
export type MailMode = "smtp" | "mailbox" | "none";

export function mailboxEnabled(): boolean {
  return process.env.DEV_MAILBOX === "1" || usesEmbeddedDatabase();
}

export function mailMode(): MailMode {
  if (process.env.SMTP_URL) return "smtp";
  return mailboxEnabled() ? "mailbox" : "none";
}

export function mailFrom(): string {
  return process.env.MAIL_FROM ?? "Renewal Desk <renewal-desk@localhost>";
}

export function appBaseUrl(): string {
  return (process.env.APP_URL ?? process.env.AUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
}
