import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { kickMailWorker } from "./worker";
import { assertCaseAction, caseAccess } from "@/lib/auth/access";

/** Puts a message that was given up on back into the outbox, with its attempts counted from zero. */
export async function resendMail(actorId: string, mailId: string, caseId: string): Promise<void> {
  assertCaseAction(await caseAccess(actorId, caseId), "resend-mail");
  await db().$transaction(async (tx) => {
    const reset = await tx.outgoingMail.updateMany({
      where: { id: mailId, caseId, status: "FAILED" },
      data: { status: "PENDING", attempts: 0, nextAttemptAt: new Date(), lastError: null },
    });
    if (reset.count === 0) throw new AppError("CONFLICT", "This message is not marked as failed (any more); nothing to re-send.");
    const mail = await tx.outgoingMail.findUniqueOrThrow({ where: { id: mailId }, select: { toAddress: true, subject: true, case: { select: { workspaceId: true } } } });
    await recordAudit(tx, [
      { workspaceId: mail.case!.workspaceId, caseId, kind: "mail.resent", actorId, channel: "WEB", data: { to: mail.toAddress, subject: mail.subject } },
    ]);
  });
  kickMailWorker();
}

/** Undeliverable mail of the workspaces the person owns (the owner is the one who can fix an address). */
export async function failedMailForOwner(ownedWorkspaceIds: string[]) {
  if (ownedWorkspaceIds.length === 0) return [];
  return db().outgoingMail.findMany({
    where: { status: "FAILED", case: { workspaceId: { in: ownedWorkspaceIds } } },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: { id: true, toAddress: true, subject: true, lastError: true, attempts: true, caseId: true, case: { select: { title: true } } },
  });
}

export async function caseMail(caseId: string) {
  return db().outgoingMail.findMany({
    where: { caseId },
    orderBy: { createdAt: "asc" },
    select: { id: true, toAddress: true, subject: true, status: true, attempts: true, lastError: true, sentAt: true, createdAt: true },
  });
}
