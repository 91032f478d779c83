import "server-only";
import { db } from "@/lib/db";

/** The company providers this person has signed in through (ids of OIDC_PROVIDERS), for the sign-out page. */
export async function providersOfUser(userId: string): Promise<string[]> {
  const accounts = await db().account.findMany({ where: { userId, type: "oidc" }, select: { provider: true } });
  return accounts.map((account) => account.provider);
}
