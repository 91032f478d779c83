import "server-only";
import { purgeRateLimitWindows } from "@/lib/limits/store/rate-limit";
import { purgeExpiredSignIns } from "@/lib/auth/store/expired";

const EVERY_MS = 60 * 60_000;
let lastRun = 0;

/**
 * Deletes what no longer counts: old rate-limit windows, expired sign-in tokens and sessions. At most hourly per
 * process; deleting twice is harmless, so instances need not agree on who does it.
 */
export async function purgeExpiredRecords(now = Date.now()): Promise<void> {
  if (now - lastRun < EVERY_MS) return;
  lastRun = now;
  await purgeRateLimitWindows(now);
  await purgeExpiredSignIns(new Date(now));
}
