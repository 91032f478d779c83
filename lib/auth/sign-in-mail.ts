import "server-only";
import { randomUUID } from "node:crypto";
import { composeMail } from "@/lib/mail/compose";
import { deliver } from "@/lib/mail/store/transport";
import { appBaseUrl } from "@/lib/mail/mode";

/** The magic-link message. Sent at once rather than through the outbox: the person is waiting for it. */
export async function sendSignInMail({ identifier, url, expires }: { identifier: string; url: string; expires: Date }) {
  // Auth.js is configured with the canonical origin (lib/auth/config.ts); a link anywhere else is never sent.
  if (new URL(url).origin !== appBaseUrl())
    throw new Error("Refusing to send a sign-in link for another origin than the app's own");
  const minutes = Math.round((expires.getTime() - Date.now()) / 60_000);
  const message = composeMail({
    subject: "Renewal Desk: your sign-in link",
    heading: "Sign in to Renewal Desk",
    paragraphs: [
      "Open the link in this message to sign in. It works once and only in the next " +
        (minutes >= 120 ? `${Math.round(minutes / 60)} hours` : `${minutes} minutes`) +
        ".",
      "If you did not ask to sign in, ignore this message: nothing happens without the link.",
    ],
    action: { label: "Sign in", url },
    reason: `You receive this because someone asked for a sign-in link for ${identifier} on Renewal Desk.`,
  });
  await deliver({ to: identifier, ...message, messageId: `<${randomUUID()}@renewal-desk>` });
}
