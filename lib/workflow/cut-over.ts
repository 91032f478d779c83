/** How far ahead a load balancer cut-over may be announced: senders need time, but a year is a typo. */
export const CUT_OVER_LIMITS = { minLeadMs: 60 * 60 * 1000, maxAheadMs: 366 * 24 * 60 * 60 * 1000 } as const;

/** Why a cut-over time cannot be announced, in words for the person; null when it can. */
export function cutOverProblem(at: Date, now: Date): string | null {
  if (at.getTime() < now.getTime() + CUT_OVER_LIMITS.minLeadMs)
    return "The cut-over must be at least an hour from now: the senders have to trust the new root before it.";
  if (at.getTime() > now.getTime() + CUT_OVER_LIMITS.maxAheadMs) return "The cut-over can be at most a year from now.";
  return null;
}
