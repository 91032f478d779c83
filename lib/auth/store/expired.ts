import "server-only";
import { db } from "@/lib/db";

/** Sign-in tokens and sessions past their expiry: of no use to anyone, deleted. */
export async function purgeExpiredSignIns(now = new Date()): Promise<void> {
  await db().verificationToken.deleteMany({ where: { expires: { lt: now } } });
  await db().session.deleteMany({ where: { expires: { lt: now } } });
}
