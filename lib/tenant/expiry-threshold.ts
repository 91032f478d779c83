/** The expiry thresholds the owners are told about, once each per certificate: 90, 60 and 30 days ahead. */
export const EXPIRY_THRESHOLDS_DAYS = [90, 60, 30] as const;

const DAY = 86_400_000;

/**
 * The threshold to tell the owners about now, or null: the smallest threshold the certificate is within, if it is
 * smaller than the one they were last told about. Pure.
 */
export function thresholdToNotify(notAfter: Date | null, now: Date, notifiedDays: number | null): number | null {
  if (!notAfter) return null;
  const daysLeft = (notAfter.getTime() - now.getTime()) / DAY;
  const within = EXPIRY_THRESHOLDS_DAYS.filter((days) => daysLeft <= days);
  const smallest = within.length > 0 ? Math.min(...within) : null;
  if (smallest === null) return null;
  return notifiedDays === null || smallest < notifiedDays ? smallest : null;
}
