import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { TOKEN_PATTERN, hashActionToken } from "@/lib/mail/store/action-links";
import { kickMailWorker } from "@/lib/mail/store/delivery";
import { stepDefinition, stepLabel, workflowFor } from "../definitions";
import { PEER_LABEL } from "../labels";
import type { Role } from "../roles";
import { completeStepInTransaction, type CompletedStep } from "./complete-step";
import { lockCase } from "./lock-case";

export type LinkProblem = "LINK_UNKNOWN" | "LINK_EXPIRED" | "LINK_USED" | "LINK_SUPERSEDED";

export type LinkInspection =
  | {
      state: "valid";
      caseId: string;
      caseTitle: string;
      receiverSystem: string;
      stepNumber: number;
      /** The step as its procedure's guide numbers it ("4a"). */
      stepLabel: string;
      peerLabel: string;
      stepTitle: string;
      stepHelp: string;
      role: Role;
      email: string;
      expiresAt: Date;
    }
  | { state: LinkProblem };

const PROBLEM_MESSAGE: Record<LinkProblem, string> = {
  LINK_UNKNOWN: "This link is not valid. Check that it was copied completely, or open the case after signing in.",
  LINK_EXPIRED: "This link has expired. Open the case after signing in to confirm the step there.",
  LINK_USED: "This link was already used. The step it confirmed is recorded; nothing more to do.",
  LINK_SUPERSEDED: "This link no longer works: the step was already confirmed, or a newer e-mail replaced it.",
};

export function linkProblemMessage(problem: LinkProblem): string {
  return PROBLEM_MESSAGE[problem];
}

async function findToken(token: string) {
  if (!TOKEN_PATTERN.test(token)) return null;
  return db().actionToken.findUnique({
    where: { tokenHash: hashActionToken(token) },
    include: {
      user: { select: { email: true } },
      step: {
        select: { number: true, case: { select: { id: true, title: true, receiverSystem: true, procedure: true } } },
      },
    },
  });
}

function problemOf(
  row: { usedAt: Date | null; voidedAt: Date | null; expiresAt: Date },
  now: Date,
): LinkProblem | null {
  if (row.usedAt) return "LINK_USED";
  if (row.voidedAt) return "LINK_SUPERSEDED";
  if (row.expiresAt <= now) return "LINK_EXPIRED";
  return null;
}

/** What opening a link shows. Reads only: mail scanners that prefetch links must not confirm anything. */
export async function inspectActionLink(token: string): Promise<LinkInspection> {
  const row = await findToken(token);
  if (!row) return { state: "LINK_UNKNOWN" };
  const problem = problemOf(row, new Date());
  if (problem) return { state: problem };
  const step = stepDefinition(row.step.case.procedure, row.step.number)!;
  return {
    state: "valid",
    caseId: row.step.case.id,
    caseTitle: row.step.case.title,
    receiverSystem: row.step.case.receiverSystem,
    stepNumber: step.number,
    stepLabel: stepLabel(step),
    peerLabel: PEER_LABEL[workflowFor(row.step.case.procedure).peer],
    stepTitle: step.title,
    stepHelp: step.help,
    role: row.role,
    email: row.user.email,
    expiresAt: row.expiresAt,
  };
}

/**
 * Confirms the link's step for the link's participant: the token is claimed and the step completed in one
 * transaction, through the same transition code as the web, so a lost race leaves the link unused.
 */
export async function confirmByActionLink(
  token: string,
  client: { ip: string; userAgent: string },
): Promise<CompletedStep> {
  const row = await findToken(token);
  if (!row) throw new AppError("LINK_UNKNOWN", PROBLEM_MESSAGE.LINK_UNKNOWN);
  const result = await db().$transaction(async (tx) => {
    await lockCase(tx, row.step.case.id);
    const now = new Date();
    const claimed = await tx.actionToken.updateMany({
      where: { id: row.id, usedAt: null, voidedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (claimed.count === 0) {
      const current = await tx.actionToken.findUniqueOrThrow({ where: { id: row.id } });
      const problem = problemOf(current, now) ?? "LINK_SUPERSEDED";
      throw new AppError(problem, PROBLEM_MESSAGE[problem]);
    }
    const step = stepDefinition(row.step.case.procedure, row.step.number)!;
    // For the receiver tasks, the click says "all of them are done": each is recorded with who performed it.
    if (step.input === "receiver-checklist") {
      const open = await tx.checklistItem.findMany({
        where: { caseId: row.step.case.id, stepNumber: step.number, doneAt: null },
        select: { id: true, thirdParty: true },
      });
      for (const item of open) {
        await tx.checklistItem.updateMany({
          where: { id: item.id, doneAt: null },
          data: { doneAt: now, doneById: row.userId, performedBy: item.thirdParty },
        });
      }
    }
    return completeStepInTransaction(tx, {
      caseId: row.step.case.id,
      stepNumber: row.step.number,
      actorId: row.userId,
      channel: "EMAIL_LINK",
      withInput: step.input === "receiver-checklist",
      context: { ip: client.ip, userAgent: client.userAgent.slice(0, 300), actionLink: row.id },
    });
  });
  kickMailWorker();
  return result;
}
