import "server-only";
import { db } from "@/lib/db";
import { deliver } from "./transport";
import { nextAttemptDelayMs } from "./retry";

const MAX_ATTEMPTS = Number(process.env.MAIL_MAX_ATTEMPTS ?? 8);
const BATCH = 20;

/**
 * Delivers due messages one at a time. Each message is locked with SKIP LOCKED for the length of its delivery,
 * so several workers (or app instances) never send the same row twice.
 * Returns how many were sent.
 */
export async function deliverDueMail(): Promise<number> {
  let sent = 0;
  for (let index = 0; index < BATCH; index += 1) {
    const outcome = await db().$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM "OutgoingMail"
        WHERE status = 'PENDING' AND "nextAttemptAt" <= now()
        ORDER BY "nextAttemptAt", "createdAt"
        LIMIT 1
        FOR UPDATE SKIP LOCKED`;
      const id = rows[0]?.id;
      if (!id) return "empty" as const;
      const mail = await tx.outgoingMail.findUniqueOrThrow({ where: { id } });
      try {
        await deliver({ to: mail.toAddress, subject: mail.subject, text: mail.text, html: mail.html, messageId: mail.messageId }, tx);
        await tx.outgoingMail.update({ where: { id }, data: { status: "SENT", sentAt: new Date(), attempts: { increment: 1 }, lastError: null } });
        return "sent" as const;
      } catch (error) {
        const attempts = mail.attempts + 1;
        const reason = error instanceof Error ? error.message.slice(0, 500) : "unknown error";
        await tx.outgoingMail.update({
          where: { id },
          data: {
            attempts,
            lastError: reason,
            status: attempts >= MAX_ATTEMPTS ? "FAILED" : "PENDING",
            nextAttemptAt: new Date(Date.now() + nextAttemptDelayMs(attempts)),
          },
        });
        console.warn(`[mail] delivery of ${mail.messageId} failed (attempt ${attempts}): ${reason}`);
        return "failed" as const;
      }
    }, { timeout: 60_000 });
    if (outcome === "empty") break;
    if (outcome === "sent") sent += 1;
  }
  return sent;
}

let running: Promise<void> | null = null;
let again = false;

/** Starts a delivery pass after a commit; calls during a pass are folded into one more pass. */
export function kickMailWorker(): void {
  if (running) {
    again = true;
    return;
  }
  running = (async () => {
    do {
      again = false;
      await deliverDueMail().catch((error: unknown) => console.error("[mail] worker pass failed:", error instanceof Error ? error.message : error));
    } while (again);
  })().finally(() => {
    running = null;
  });
}

/** Waits for the current pass (tests and the seed use it to see delivered mail). */
export async function mailWorkerIdle(): Promise<void> {
  while (running) await running;
}

export function startMailPolling(intervalMs = Number(process.env.MAIL_POLL_MS ?? 5000)): () => void {
  const timer = setInterval(kickMailWorker, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
