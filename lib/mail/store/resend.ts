import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/store/record";
import { kickMailWorker } from "@/lib/mail/store/delivery";
import { assertCaseAction, caseAccess } from "@/lib/auth/queries/access";

/** Puts a message that was given up on back into the outbox, with its attempts counted from zero. */
export async function resendMail(actorId: string, mailId: string, caseId: string): Promise<void> {
  assertCaseAction(await caseAccess(actorId, caseId), "resend-mail");
  await db().$transaction(async (tx) => {
    const reset = await tx.outgoingMail.updateMany({
      where: { id: mailId, caseId, status: "FAILED" },
      data: { status: "PENDING", attempts: 0, nextAttemptAt: new Date(), lastError: null },
    });
    if (reset.count === 0)
      throw new AppError("CONFLICT", "This message is not marked as failed (any more); nothing to re-send.");
    const mail = await tx.outgoingMail.findUniqueOrThrow({
      where: { id: mailId },
      select: { toAddress: true, subject: true, case: { select: { workspaceId: true } } },
    });
    await recordAudit(tx, [
      {
        workspaceId: mail.case!.workspaceId,
        caseId,
        kind: "mail.resent",
        actorId,
        channel: "WEB",
        data: { to: mail.toAddress, subject: mail.subject },
      },
    ]);
  });
  kickMailWorker();
}
