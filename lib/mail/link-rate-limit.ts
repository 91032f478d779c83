/**
 * Slows down guessing: after too many invalid action links from one address in a window, that address gets
 * a refusal without a lookup. Kept in memory per server process (enough against guessing 256-bit tokens; the
 * limit only stops noise).
 */
const WINDOW_MS = 15 * 60_000;
const MAX_BAD = Number(process.env.ACTION_LINK_MAX_BAD ?? 10);
const attempts = new Map<string, { count: number; since: number }>();

export function isRateLimited(ip: string, now = Date.now()): boolean {
  const entry = attempts.get(ip);
  return !!entry && now - entry.since < WINDOW_MS && entry.count >= MAX_BAD;
}

export function recordBadLink(ip: string, now = Date.now()): void {
  const entry = attempts.get(ip);
  if (!entry || now - entry.since >= WINDOW_MS) attempts.set(ip, { count: 1, since: now });
  else entry.count += 1;
  if (attempts.size > 10_000) for (const [key, value] of attempts) if (now - value.since >= WINDOW_MS) attempts.delete(key);
}
