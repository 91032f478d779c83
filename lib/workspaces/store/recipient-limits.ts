import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

function setting(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  return Number.isInteger(value) && value >= 0 ? value : fallback;
}

/** New recipients: people a workspace can mail for the first time (they become guests when named on a case). */
export function newRecipientLimits() {
  return {
    personPerHour: setting("NEW_RECIPIENTS_PER_PERSON_HOUR", 20),
    personPerDay: setting("NEW_RECIPIENTS_PER_PERSON_DAY", 50),
    workspacePerHour: setting("NEW_RECIPIENTS_PER_WORKSPACE_HOUR", 50),
    workspacePerDay: setting("NEW_RECIPIENTS_PER_WORKSPACE_DAY", 200),
  };
}

/**
 * Refuses naming `count` new people when the person or the workspace would exceed their hourly or daily allowance.
 * Counted from the memberships themselves (who invited whom, when) after locking the workspace row, so two requests
 * at once cannot both squeeze under a limit, and every app instance sees the same counts.
 */
export async function assertNewRecipientsAllowed(
  tx: Prisma.TransactionClient,
  workspaceId: string,
  actorId: string,
  count: number,
  now = new Date(),
) {
  if (count === 0) return;
  await tx.$queryRaw`SELECT id FROM "Workspace" WHERE id = ${workspaceId} FOR NO KEY UPDATE`;
  const limits = newRecipientLimits();
  const since = (ms: number) => new Date(now.getTime() - ms);
  const [personHour, personDay, workspaceHour, workspaceDay] = await Promise.all([
    tx.membership.count({ where: { invitedById: actorId, createdAt: { gte: since(HOUR) } } }),
    tx.membership.count({ where: { invitedById: actorId, createdAt: { gte: since(DAY) } } }),
    tx.membership.count({ where: { workspaceId, invitedById: { not: null }, createdAt: { gte: since(HOUR) } } }),
    tx.membership.count({ where: { workspaceId, invitedById: { not: null }, createdAt: { gte: since(DAY) } } }),
  ]);
  const over = [
    personHour + count > limits.personPerHour &&
      `you may name ${limits.personPerHour} new people an hour and have named ${personHour} in the last hour`,
    personDay + count > limits.personPerDay &&
      `you may name ${limits.personPerDay} new people a day and have named ${personDay} in the last 24 hours`,
    workspaceHour + count > limits.workspacePerHour &&
      `this workspace may add ${limits.workspacePerHour} new people an hour and has added ${workspaceHour} in the last hour`,
    workspaceDay + count > limits.workspacePerDay &&
      `this workspace may add ${limits.workspacePerDay} new people a day and has added ${workspaceDay} in the last 24 hours`,
  ].filter((reason): reason is string => typeof reason === "string");
  if (over.length > 0) {
    throw new AppError(
      "RATE_LIMITED",
      `This case names ${count} ${count === 1 ? "person" : "people"} who never took part in this workspace, but ${over.join("; ")}. Nothing was saved. Name fewer new people, or try again later.`,
    );
  }
}
