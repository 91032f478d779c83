export interface Window {
  start: Date;
  end: Date;
}

const MINUTE = 60_000;
export const WINDOW_LIMITS = { minMinutes: 5, maxHours: 72, maxDaysAhead: 365, maxPerProposal: 5 } as const;

/** Why a proposed window cannot be used, or null when it can. */
export function windowProblem(window: Window, now: Date): string | null {
  if (Number.isNaN(window.start.getTime()) || Number.isNaN(window.end.getTime())) return "Enter a start and an end.";
  if (window.start.getTime() <= now.getTime()) return "The window must start in the future.";
  if (window.end.getTime() <= window.start.getTime()) return "The window must end after it starts.";
  const minutes = (window.end.getTime() - window.start.getTime()) / MINUTE;
  if (minutes < WINDOW_LIMITS.minMinutes) return `A window must last at least ${WINDOW_LIMITS.minMinutes} minutes.`;
  if (minutes > WINDOW_LIMITS.maxHours * 60) return `A window can last at most ${WINDOW_LIMITS.maxHours} hours.`;
  if (window.start.getTime() - now.getTime() > WINDOW_LIMITS.maxDaysAhead * 24 * 60 * MINUTE)
    return "A window can start at most a year ahead.";
  return null;
}

/** Proposals overlap when one starts before the other ends; overlapping proposals in one submission are refused. */
export function overlapping(windows: readonly Window[]): boolean {
  const sorted = [...windows].sort((a, b) => a.start.getTime() - b.start.getTime());
  return sorted.some((window, index) => index > 0 && window.start.getTime() < sorted[index - 1]!.end.getTime());
}
