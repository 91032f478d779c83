import { createRateLimiter } from "@/lib/http/rate-limit";

/** After too many invalid action links from one address in a quarter of an hour, that address is refused without a lookup. */
const badLinks = createRateLimiter({ max: Number(process.env.ACTION_LINK_MAX_BAD ?? 10), windowMs: 15 * 60_000 });

export const isRateLimited = (ip: string, now = Date.now()) => badLinks.limited(ip, now);
export const recordBadLink = (ip: string, now = Date.now()) => badLinks.record(ip, now);
