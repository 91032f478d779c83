import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { kickMailWorker } from "@/lib/mail/store/delivery";
import { cutOverProblem } from "../../cut-over";
import { completeStepInTransaction } from "../complete-step";
import { authorizeInput, loadForInput } from "./context";

/**
 * The load balancer administrator announces when the load balancer switches. The time is stored on the case (the
 * case page and the next mails show it) and completes the announcing hand-over, which passes it on.
 */
export async function announceCutOver(
  actorId: string,
  caseId: string,
  stepNumber: number,
  at: Date,
  comment?: string,
  now = new Date(),
) {
  const plan = await db().$transaction(async (tx) => {
    const found = await loadForInput(tx, caseId, actorId);
    authorizeInput(found, "cut-over", "give-input", stepNumber, now);
    const problem = cutOverProblem(at, now);
    if (problem) throw new AppError("VALIDATION_FAILED", problem, { cutOverAt: [problem] });
    await tx.case.update({ where: { id: caseId }, data: { cutOverAt: at } });
    return completeStepInTransaction(tx, {
      caseId,
      stepNumber,
      actorId,
      channel: "WEB",
      comment,
      withInput: true,
      details: { cutOverAt: at.toISOString() },
    });
  });
  kickMailWorker();
  return plan;
}
