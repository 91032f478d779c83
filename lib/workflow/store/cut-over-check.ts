import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/store/record";
import { queueCaseMail } from "@/lib/mail/store/outbox";
import { kickMailWorker } from "@/lib/mail/store/delivery";
import { cutOverAtRiskMessages } from "@/lib/mail/cut-over-messages";
import { caseSummarySelect } from "@/lib/workflow/queries/case-summary";
import { PROCEDURES, stepLabel, workflowFor } from "../definitions";
import { CUT_OVER_CHECK_BEFORE_MS, stepsAtRisk } from "../cut-over";
import { participantsAndOwners } from "./recipients";

/** The procedures with steps due before a cut-over. */
const WITH_DUE_STEPS = Object.values(PROCEDURES)
  .filter((definition) => definition.steps.some((step) => step.dueBy === "cut-over"))
  .map((definition) => definition.id);

/**
 * A day before each announced cut-over, checks once that the steps due by then are done; if not, everyone on the case
 * and the workspace owners are warned. The check is claimed by compare-and-set, so several schedulers warn once.
 */
export async function checkDueCutOvers(now = new Date()): Promise<number> {
  const due = await db().case.findMany({
    where: {
      status: "OPEN",
      procedure: { in: WITH_DUE_STEPS },
      cutOverAt: { lte: new Date(now.getTime() + CUT_OVER_CHECK_BEFORE_MS) },
      cutOverCheckedAt: null,
    },
    select: { id: true },
    take: 200,
  });
  let warned = 0;
  for (const { id } of due) {
    const sent = await db().$transaction(async (tx) => {
      const claimed = await tx.case.updateMany({
        where: { id, status: "OPEN", cutOverCheckedAt: null },
        data: { cutOverCheckedAt: now },
      });
      if (claimed.count === 0) return false;
      const found = await tx.case.findUniqueOrThrow({
        where: { id },
        select: {
          ...caseSummarySelect,
          cutOverAt: true,
          steps: { select: { number: true, status: true } },
        },
      });
      const open = stepsAtRisk(workflowFor(found.procedure), found.steps, found.cutOverAt, now);
      if (open.length === 0) return false;
      const emails = await participantsAndOwners(tx, id, found.workspaceId);
      const mailEvents = await queueCaseMail(
        tx,
        found.workspaceId,
        cutOverAtRiskMessages(found, emails, open, found.cutOverAt!),
      );
      await recordAudit(tx, [
        {
          workspaceId: found.workspaceId,
          caseId: id,
          kind: "cut_over.at_risk",
          channel: "SYSTEM",
          data: { cutOverAt: found.cutOverAt!.toISOString(), openSteps: open.map((step) => stepLabel(step)) },
        },
        ...mailEvents,
      ]);
      return true;
    });
    if (sent) warned += 1;
  }
  if (warned > 0) kickMailWorker();
  return warned;
}
