import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/workflow/roles";
import { appBaseUrl } from "@/lib/mail/mode";
import { actionLinkLifetimeDays } from "@/lib/mail/action-link-config";

/** Tokens are 256 random bits, base64url: 43 characters. Anything else is rejected without a lookup. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function hashActionToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function actionLinkUrl(token: string): string {
  return `${appBaseUrl()}/a/${token}`;
}

/**
 * Issues one link per participant for a ready step, inside the caller's transaction, and voids the links
 * the same people had for that step before (a reminder supersedes the first mail). Returns userId → URL.
 */
export async function issueActionLinks(
  tx: Prisma.TransactionClient,
  stepId: string,
  holders: readonly { userId: string; role: Role }[],
): Promise<Map<string, string>> {
  const now = new Date();
  await tx.actionToken.updateMany({
    where: { stepId, userId: { in: holders.map((holder) => holder.userId) }, usedAt: null, voidedAt: null },
    data: { voidedAt: now },
  });
  const expiresAt = new Date(now.getTime() + actionLinkLifetimeDays() * 86_400_000);
  const urls = new Map<string, string>();
  const rows = holders.map(({ userId, role }) => {
    const token = randomBytes(32).toString("base64url");
    urls.set(userId, actionLinkUrl(token));
    return { tokenHash: hashActionToken(token), stepId, userId, role, expiresAt };
  });
  await tx.actionToken.createMany({ data: rows });
  return urls;
}

/** A step completed by any means makes its remaining links worthless. */
export async function voidActionLinks(
  tx: Prisma.TransactionClient,
  where: Prisma.ActionTokenWhereInput,
): Promise<void> {
  await tx.actionToken.updateMany({
    where: { ...where, usedAt: null, voidedAt: null },
    data: { voidedAt: new Date() },
  });
}
