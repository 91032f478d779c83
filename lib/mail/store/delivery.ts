import "server-only";
import { db } from "@/lib/db";
import { deliver, type MailAttachment } from "@/lib/mail/store/transport";
import { nextAttemptDelayMs } from "@/lib/mail/retry";
import { recordAudit } from "@/lib/audit/store/record";
import type { Prisma } from "@/lib/generated/prisma/client";

const MAX_ATTEMPTS = Number(process.env.MAIL_MAX_ATTEMPTS ?? 8);
const BATCH = 20;

/**
 * Delivers due messages one at a time. Each message is locked with SKIP LOCKED for the length of its delivery,
 * so several workers (or app instances) never send the same row twice.
 * Returns how many were sent.
 */
export async function deliverDueMail(now: Date = new Date()): Promise<number> {
  let sent = 0;
  for (let index = 0; index < BATCH; index += 1) {
    const outcome = await db().$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM "OutgoingMail"
        WHERE status = 'PENDING' AND "nextAttemptAt" <= ${now}
        ORDER BY "nextAttemptAt", "createdAt"
        LIMIT 1
        FOR UPDATE SKIP LOCKED`;
        const id = rows[0]?.id;
        if (!id) return "empty" as const;
        const mail = await tx.outgoingMail.findUniqueOrThrow({
          where: { id },
          include: { case: { select: { workspaceId: true } } },
        });
        const audit = (kind: "mail.sent" | "mail.failed", data: Prisma.InputJsonObject) =>
          mail.caseId && mail.case
            ? recordAudit(tx, [
                {
                  workspaceId: mail.case.workspaceId,
                  caseId: mail.caseId,
                  kind,
                  channel: "SYSTEM",
                  data: { to: mail.toAddress, subject: mail.subject, messageId: mail.messageId, ...data },
                },
              ])
            : Promise.resolve();
        try {
          await deliver(
            {
              to: mail.toAddress,
              subject: mail.subject,
              text: mail.text,
              html: mail.html,
              messageId: mail.messageId,
              attachments: attachmentsOf(mail.attachments),
              headers: headersOf(mail.headers),
            },
            tx,
          );
          await tx.outgoingMail.update({
            where: { id },
            data: { status: "SENT", sentAt: new Date(), attempts: { increment: 1 }, lastError: null },
          });
          await audit("mail.sent", { attempt: mail.attempts + 1 });
          return "sent" as const;
        } catch (error) {
          const attempts = mail.attempts + 1;
          const reason = error instanceof Error ? error.message.slice(0, 500) : "unknown error";
          const gaveUp = attempts >= MAX_ATTEMPTS;
          if (gaveUp) await audit("mail.failed", { attempts, reason });
          await tx.outgoingMail.update({
            where: { id },
            data: {
              attempts,
              lastError: reason,
              status: gaveUp ? "FAILED" : "PENDING",
              nextAttemptAt: new Date(now.getTime() + nextAttemptDelayMs(attempts)),
            },
          });
          console.warn(`[mail] delivery of ${mail.messageId} failed (attempt ${attempts}): ${reason}`);
          return "failed" as const;
        }
      },
      { timeout: 60_000 },
    );
    if (outcome === "empty") break;
    if (outcome === "sent") sent += 1;
  }
  return sent;
}

function attachmentsOf(value: Prisma.JsonValue | null): MailAttachment[] | undefined {
  return Array.isArray(value) ? (value as unknown as MailAttachment[]) : undefined;
}

function headersOf(value: Prisma.JsonValue | null): Record<string, string> | undefined {
  if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
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
      await deliverDueMail().catch((error: unknown) =>
        console.error("[mail] worker pass failed:", error instanceof Error ? error.message : error),
      );
    } while (again);
  })().finally(() => {
    running = null;
  });
}

/** Waits for the current pass (tests and the seed use it to see delivered mail). */
export async function mailWorkerIdle(): Promise<void> {
  while (running) await running;
}
