import "server-only";
import { db } from "@/lib/db";
import { discover, fetchWithTimeout, oidcSetting } from "@/lib/auth/oidc/discovery";
import { openRefreshToken, sealRefreshToken } from "@/lib/auth/oidc/refresh-token-box";

/** How often the app asks each company provider whether a person may still sign in. */
export function providerCheckIntervalMs(): number {
  return Number(process.env.OIDC_CHECK_EVERY_MINUTES ?? 60) * 60_000;
}

/**
 * After a sign-in through a company provider: keep only its refresh token, sealed (the app never uses the access
 * or ID token again), schedule the next check, and lift an earlier revocation (the provider let the person in).
 */
export async function keepProviderAccount(
  account: { provider: string; providerAccountId: string; refresh_token?: string | null },
  userId: string,
  now = new Date(),
): Promise<void> {
  const refreshToken = account.refresh_token ? sealRefreshToken(account.refresh_token) : null;
  await db().$transaction([
    db().account.updateMany({
      where: { provider: account.provider, providerAccountId: account.providerAccountId, userId },
      data: {
        refresh_token: refreshToken,
        access_token: null,
        id_token: null,
        checkAfter: refreshToken ? new Date(now.getTime() + providerCheckIntervalMs()) : null,
      },
    }),
    db().user.update({ where: { id: userId }, data: { signInRevokedAt: null } }),
  ]);
}

type Verdict = { kind: "still-allowed"; refreshToken?: string } | { kind: "refused" } | { kind: "unknown" };

/** Asks the provider with the person's refresh token; `invalid_grant` means the provider no longer lets them in. */
async function askProvider(providerId: string, refreshToken: string): Promise<Verdict> {
  const setting = oidcSetting(providerId);
  if (!setting) return { kind: "unknown" };
  try {
    const { token_endpoint: tokenEndpoint } = await discover(setting);
    const response = await fetchWithTimeout(tokenEndpoint, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Basic ${Buffer.from(`${encodeURIComponent(setting.clientId)}:${encodeURIComponent(setting.clientSecret)}`).toString("base64")}`,
      },
      body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: refreshToken }),
    });
    const answer = (await response.json().catch(() => ({}))) as { error?: string; refresh_token?: string };
    if (response.ok) return { kind: "still-allowed", refreshToken: answer.refresh_token };
    return answer.error === "invalid_grant" ? { kind: "refused" } : { kind: "unknown" };
  } catch {
    return { kind: "unknown" };
  }
}

/**
 * The scheduled check (lib/jobs/scheduler.ts): every due account is claimed by one instance (SKIP LOCKED, the next
 * check moved forward in the same statement), then its provider is asked. A refusal revokes the person's sign-in
 * and ends their sessions at once; a provider that cannot be reached changes nothing. Returns how many were revoked.
 */
export async function checkProviderAccounts(now = new Date(), batch = 50): Promise<number> {
  const next = new Date(now.getTime() + providerCheckIntervalMs());
  const due = await db().$queryRaw<
    { provider: string; providerAccountId: string; userId: string; refresh_token: string }[]
  >`
    UPDATE "Account" SET "checkAfter" = ${next}
    WHERE ("provider", "providerAccountId") IN (
      SELECT "provider", "providerAccountId" FROM "Account"
      WHERE "checkAfter" <= ${now} AND "refresh_token" IS NOT NULL
      ORDER BY "checkAfter" LIMIT ${batch}
      FOR UPDATE SKIP LOCKED)
    RETURNING "provider", "providerAccountId", "userId", "refresh_token"`;
  let revoked = 0;
  for (const account of due) {
    const token = openRefreshToken(account.refresh_token);
    const verdict = token ? await askProvider(account.provider, token) : ({ kind: "unknown" } as const);
    const key = { provider: account.provider, providerAccountId: account.providerAccountId };
    if (verdict.kind === "still-allowed" && verdict.refreshToken) {
      // Providers that rotate refresh tokens invalidate the old one with this answer.
      await db().account.update({
        where: { provider_providerAccountId: key },
        data: { refresh_token: sealRefreshToken(verdict.refreshToken) },
      });
    } else if (verdict.kind === "refused") {
      await db().$transaction([
        db().account.update({
          where: { provider_providerAccountId: key },
          data: { refresh_token: null, checkAfter: null },
        }),
        db().user.update({ where: { id: account.userId }, data: { signInRevokedAt: now } }),
        db().session.deleteMany({ where: { userId: account.userId } }),
      ]);
      console.info(`[auth] ${account.provider} no longer lets a person sign in: their sign-in and sessions ended`);
      revoked += 1;
    }
  }
  return revoked;
}
