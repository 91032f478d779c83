/**
 * A fixed-window counter per key, kept in memory per server process. Enough to stop floods of sign-in mails or
 * guessed links from one address; several instances each count on their own.
 */
export function createRateLimiter({ max, windowMs }: { max: number; windowMs: number }) {
  const counts = new Map<string, { count: number; since: number }>();
  return {
    /** Whether `key` has used up its allowance in the current window. */
    limited(key: string, now = Date.now()): boolean {
      const entry = counts.get(key);
      return !!entry && now - entry.since < windowMs && entry.count >= max;
    },
    record(key: string, now = Date.now()): void {
      const entry = counts.get(key);
      if (!entry || now - entry.since >= windowMs) counts.set(key, { count: 1, since: now });
      else entry.count += 1;
      if (counts.size > 10_000) for (const [stale, value] of counts) if (now - value.since >= windowMs) counts.delete(stale);
    },
  };
}
