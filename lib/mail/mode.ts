import { canonicalOrigin } from "@/lib/http/gate.mjs";
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

/** The one origin of every link the app writes (APP_URL, else AUTH_URL, else http://localhost:$PORT). */
export function appBaseUrl(): string {
  return canonicalOrigin(process.env);
}
