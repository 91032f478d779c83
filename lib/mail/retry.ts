/** Exponential backoff: 30 s, 1 min, 2 min … capped at one hour. */
export function nextAttemptDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}
