import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/store/record";
import { queueCaseMail } from "@/lib/mail/store/outbox";
import { caseClosedMessages } from "@/lib/mail/case-messages";
import { personLabel } from "@/lib/people";
import { kickMailWorker } from "@/lib/mail/store/delivery";
import { voidActionLinks } from "@/lib/mail/store/action-links";
import type { SignedInUser } from "@/lib/auth/session";
import { assertCaseAction, caseAccess } from "@/lib/auth/queries/access";
import { caseRecipients } from "./recipients";
import { windowCancellationMails } from "./inputs/downtime";
import { caseSummarySelect } from "@/lib/workflow/queries/case-summary";

/** Cancels an open case: the remaining steps are closed, everyone on the case is told why. Owners only. */
export async function cancelCase(actor: SignedInUser, caseId: string, reason: string): Promise<void> {
  assertCaseAction(await caseAccess(actor.id, caseId), "cancel-case"); // 404 for strangers, then the rule
  await db().$transaction(async (tx) => {
    const closed = await tx.case.updateMany({
      where: { id: caseId, status: "OPEN" },
      data: { status: "CANCELLED", cancelReason: reason, closedAt: new Date() },
    });
    if (closed.count === 0) throw new AppError("CASE_CLOSED", "This case is already closed.");
    await tx.step.updateMany({
      where: { caseId, status: { in: ["READY", "BLOCKED"] } },
      data: { status: "CANCELLED" },
    });
    await voidActionLinks(tx, { step: { caseId } });
    const found = await tx.case.findUniqueOrThrow({
      where: { id: caseId },
      select: caseSummarySelect,
    });
    const mails = [
      ...caseClosedMessages(found, await caseRecipients(tx, caseId), {
        kind: "cancelled",
        reason,
        by: personLabel(actor),
      }),
      ...(await windowCancellationMails(tx, caseId, new Date())),
    ];
    const mailEvents = await queueCaseMail(tx, found.workspaceId, mails);
    await recordAudit(tx, [
      {
        workspaceId: found.workspaceId,
        caseId,
        kind: "case.cancelled",
        actorId: actor.id,
        channel: "WEB",
        data: { reason },
      },
      ...mailEvents,
    ]);
  });
  kickMailWorker();
}
