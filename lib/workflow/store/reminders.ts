import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/store/record";
import { queueCaseMail } from "@/lib/mail/store/outbox";
import { escalationMessages } from "@/lib/mail/case-messages";
import { kickMailWorker } from "@/lib/mail/store/delivery";
import { PROCEDURES, stepDefinition } from "../definitions";
import { askedWhenReady } from "../turn";
import { caseRecipients } from "./recipients";
import { readyStepMails } from "./ready-step-mails";
import { caseSummarySelect } from "@/lib/workflow/queries/case-summary";

export function reminderPolicy() {
  const hours = Number(process.env.REMINDER_AFTER_HOURS ?? 48);
  const max = Number(process.env.REMINDER_MAX ?? 3);
  return {
    afterMs: (Number.isFinite(hours) && hours > 0 ? hours : 48) * 3_600_000,
    max: Number.isInteger(max) && max >= 0 ? max : 3,
  };
}

/** Hand-overs the app performs at a moment: nobody is reminded of them, they happen by themselves. */
const SCHEDULED_STEPS = Object.values(PROCEDURES).flatMap((definition) =>
  definition.steps
    .filter((step) => step.waitsFor)
    .map((step) => ({ number: step.number, case: { procedure: definition.id } })),
);

/**
 * Reminds the people of every ready step that has been idle too long, at most `max` times, then tells the
 * workspace owners once. All state is in the step row, so a restart neither loses nor repeats a reminder;
 * each step is claimed by compare-and-set, so two schedulers never remind twice.
 */
export async function sendDueReminders(now = new Date()): Promise<{ reminded: number; escalated: number }> {
  const { afterMs, max } = reminderPolicy();
  const cutoff = new Date(now.getTime() - afterMs);
  const due = await db().step.findMany({
    where: {
      status: "READY",
      escalatedAt: null,
      case: { status: "OPEN" },
      OR: [{ lastRemindedAt: null, readyAt: { lte: cutoff } }, { lastRemindedAt: { lte: cutoff } }],
      NOT: { OR: SCHEDULED_STEPS },
    },
    select: { id: true, number: true, remindersSent: true, readyAt: true },
    orderBy: { readyAt: "asc" },
    take: 200,
  });
  let reminded = 0;
  let escalated = 0;
  for (const step of due) {
    const outcome = await db().$transaction(async (tx) => {
      const escalate = step.remindersSent >= max;
      const claimed = await tx.step.updateMany({
        where: { id: step.id, status: "READY", remindersSent: step.remindersSent, escalatedAt: null },
        data: escalate ? { escalatedAt: now } : { remindersSent: step.remindersSent + 1, lastRemindedAt: now },
      });
      if (claimed.count === 0) return null;
      const found = await tx.step.findUniqueOrThrow({
        where: { id: step.id },
        select: {
          case: {
            select: {
              ...caseSummarySelect,
              workspace: {
                select: { memberships: { where: { role: "OWNER" }, select: { user: { select: { email: true } } } } },
              },
            },
          },
        },
      });
      const summary = found.case;
      const recipients = await caseRecipients(tx, summary.id);
      const definition = stepDefinition(summary.procedure, step.number)!;
      const asked = askedWhenReady(definition);
      const waitingSince = step.readyAt ?? now;
      const mails = escalate
        ? escalationMessages(
            summary,
            definition,
            summary.workspace.memberships.map((membership) => membership.user),
            recipients
              .filter((recipient) => recipient.roles.some((role) => asked.includes(role)))
              .map((recipient) => recipient.email),
            waitingSince,
          )
        : await readyStepMails(tx, summary, step.number, recipients, {
            reminder: { number: step.remindersSent + 1, of: max, waitingSince },
          });
      const mailEvents = await queueCaseMail(tx, summary.workspaceId, mails);
      await recordAudit(tx, [
        {
          workspaceId: summary.workspaceId,
          caseId: summary.id,
          stepNumber: step.number,
          channel: "SYSTEM",
          kind: escalate ? "step.escalated" : "step.reminded",
          data: escalate ? { to: mails.map((mail) => mail.to) } : { reminder: step.remindersSent + 1, of: max },
        },
        ...mailEvents,
      ]);
      return escalate ? "escalated" : "reminded";
    });
    if (outcome === "reminded") reminded += 1;
    if (outcome === "escalated") escalated += 1;
  }
  if (reminded + escalated > 0) kickMailWorker();
  return { reminded, escalated };
}
