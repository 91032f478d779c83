import "server-only";
import { isOverLimit, takeHit, type RateLimit } from "@/lib/limits/store/rate-limit";
import { limitSubjectOf } from "@/lib/http/client-info";

/** After too many invalid action links from one client in a quarter of an hour, that client is refused without a lookup. */
const BAD_LINKS: RateLimit = {
  name: "action-link.bad",
  max: Number(process.env.ACTION_LINK_MAX_BAD ?? 10),
  windowMs: 15 * 60_000,
};

export const isRateLimited = (client: string, now = Date.now()) => isOverLimit(BAD_LINKS, limitSubjectOf(client), now);
export const recordBadLink = async (client: string, now = Date.now()) =>
  void (await takeHit(BAD_LINKS, limitSubjectOf(client), now));
