import { createRateLimiter } from "@/lib/http/rate-limit";

const HOUR = 60 * 60_000;
const perAddress = createRateLimiter({ max: Number(process.env.SIGN_IN_MAX_PER_ADDRESS ?? 5), windowMs: HOUR });
const perClient = createRateLimiter({ max: Number(process.env.SIGN_IN_MAX_PER_CLIENT ?? 20), windowMs: HOUR });

/** Counts a sign-in request and says whether it is over the hourly allowance for that e-mail address or client address. */
export function signInLimited(email: string, ip: string, now = Date.now()): boolean {
  const address = email.toLowerCase();
  if (perAddress.limited(address, now) || perClient.limited(ip, now)) return true;
  perAddress.record(address, now);
  perClient.record(ip, now);
  return false;
}
