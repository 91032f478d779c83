import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";

/** A limit: at most `max` hits per `windowMs` for one subject (an address, a client). */
export interface RateLimit {
  name: string;
  max: number;
  windowMs: number;
}

function keyOf(limit: RateLimit, subject: string): string {
  return createHash("sha256").update(`${limit.name}\0${subject}`).digest("hex");
}

/**
 * Hits in the sliding window ending now, estimated from the current fixed window and the share of the previous one
 * that still overlaps it (so a burst at a window's edge cannot double the allowance).
 */
function estimate(current: number, previous: number, windowStart: number, windowMs: number, now: number): number {
  return current + previous * (1 - (now - windowStart) / windowMs);
}

async function windows(limit: RateLimit, subject: string, now: number) {
  const windowStart = Math.floor(now / limit.windowMs) * limit.windowMs;
  const key = keyOf(limit, subject);
  const previous = await db().rateLimitWindow.findUnique({
    where: { key_windowStart: { key, windowStart: new Date(windowStart - limit.windowMs) } },
    select: { hits: true },
  });
  return { key, windowStart, previousHits: previous?.hits ?? 0 };
}

/**
 * Counts one hit when it is within the limit and says whether it was. A refused hit is not counted: someone who keeps
 * trying does not push the limit further out for the subject (who may be the victim, not the one trying).
 * The counters live in the database, so every app instance shares them; the increment is one atomic statement.
 */
export async function takeHit(limit: RateLimit, subject: string, now = Date.now()): Promise<boolean> {
  const { key, windowStart, previousHits } = await windows(limit, subject, now);
  const carried = previousHits * (1 - (now - windowStart) / limit.windowMs);
  // The largest count the current window may reach with this hit.
  const ceiling = Math.floor(limit.max - carried);
  if (ceiling < 1) return false;
  const rows = await db().$queryRaw<{ hits: number }[]>`
    INSERT INTO "RateLimitWindow" ("key", "windowStart", "hits") VALUES (${key}, ${new Date(windowStart)}, 1)
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "hits" = "RateLimitWindow"."hits" + 1
    WHERE "RateLimitWindow"."hits" + 1 <= ${ceiling}
    RETURNING "hits"`;
  return rows.length === 1;
}

/** Whether the subject has used up its allowance, without counting anything. */
export async function isOverLimit(limit: RateLimit, subject: string, now = Date.now()): Promise<boolean> {
  const { key, windowStart, previousHits } = await windows(limit, subject, now);
  const current = await db().rateLimitWindow.findUnique({
    where: { key_windowStart: { key, windowStart: new Date(windowStart) } },
    select: { hits: true },
  });
  return estimate(current?.hits ?? 0, previousHits, windowStart, limit.windowMs, now) >= limit.max;
}

/** Forgets windows that no limit looks at any more (the longest window is a day; two are read). */
export async function purgeRateLimitWindows(now = Date.now()): Promise<number> {
  const { count } = await db().rateLimitWindow.deleteMany({
    where: { windowStart: { lt: new Date(now - 3 * 24 * 60 * 60_000) } },
  });
  return count;
}
