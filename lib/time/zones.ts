import { tzOffset } from "@date-fns/tz";

/**
 * Converting between instants and wall-clock times in a named time zone, for
 * `<input type="datetime-local">` values and for showing times to a viewer.
 * Pure: the results do not depend on the time zone of the machine running them.
 */

const MILLISECONDS_PER_MINUTE = 60_000;
const MILLISECONDS_PER_DAY = 86_400_000;
const FALLBACK_ZONE = "UTC";

// "YYYY-MM-DDTHH:MM" or "YYYY-MM-DDTHH:MM:SS", as a datetime-local input produces.
const WALL_TIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

interface WallTimeFields {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** True for IANA zone names the runtime knows (case-insensitive, "UTC" included). */
export function isValidTimeZone(zone: string): boolean {
  // Newer engines also accept offsets such as "+01:00"; they are not IANA names
  // and would behave differently between the server and older browsers.
  if (zone.trim() === "" || /^[+-]/.test(zone)) return false;
  try {
    return formatterFor("en-US", zone, {}).resolvedOptions().timeZone !== undefined;
  } catch {
    return false;
  }
}

// Building an Intl.DateTimeFormat costs far more than using one (a case page formats
// hundreds of times), so formatters are kept per locale, zone and options. Only valid
// zones get here (an invalid one throws before it is stored); the bound keeps a flood
// of odd-but-valid zone spellings from growing the cache without end.
const formatters = new Map<string, Intl.DateTimeFormat>();
const MAX_CACHED_FORMATTERS = 2_000;

export function formatterFor(
  locale: string,
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    if (formatters.size >= MAX_CACHED_FORMATTERS) formatters.clear();
    formatters.set(key, formatter);
  }
  return formatter;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/**
 * A wall time as people type it, in the page's own format ("5 Dec 2026, 06:00", 24-hour) or as ISO
 * ("2026-12-05 06:00", "2026-12-05T06:00:00"), as "YYYY-MM-DDTHH:MM:SS"; null when it is neither or no real time.
 */
export function normalizeWallTimeText(text: string): string | null {
  const trimmed = text.trim().replace(/\s+/g, " ");
  const displayed = /^(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4}),? (\d{1,2}):(\d{2})$/.exec(trimmed);
  let candidate = trimmed.replace(" ", "T");
  if (displayed) {
    const month = MONTHS.indexOf(displayed[2]!.toLowerCase()) + 1;
    if (month === 0) return null;
    const pad = (value: string | number) => String(value).padStart(2, "0");
    candidate = `${displayed[3]}-${pad(month)}-${pad(displayed[1]!)}T${pad(displayed[4]!)}:${displayed[5]}`;
  }
  const fields = parseWallTime(candidate);
  return fields ? formatWallTime(fields) : null;
}

/** A wall time in the page's own format ("5 Dec 2026, 06:00"), as a proposal form shows it back. */
export function formatWallTimeText(instant: Date, zone: string): string {
  return formatInZone(instant, zone, { withZoneName: false });
}

/**
 * The instant at which clocks in `zone` show `wallTime`, or null when the wall
 * time is malformed or the zone unknown.
 *
 * Wall times that happen twice or never are resolved like JavaScript's `Date`
 * and Temporal's default ("compatible") disambiguation:
 * - ambiguous (clocks go back): the earlier instant, i.e. the offset before the change
 *   (Europe/Berlin 2026-10-25T02:30 → 00:30Z, still CEST);
 * - nonexistent (clocks go forward): read with the offset before the change, which lands
 *   after the gap shifted forward by its length (Europe/Berlin 2026-03-29T02:30 → 01:30Z,
 *   shown as 03:30 CEST).
 */
export function zonedWallTimeToInstant(wallTime: string, zone: string): Date | null {
  if (!isValidTimeZone(zone)) return null;
  const fields = parseWallTime(wallTime);
  if (fields === null) return null;

  const wallTimeAsUtc = fieldsAsUtcMilliseconds(fields);
  // The offset a day either side brackets any single transition near the wall time.
  const offsetBefore = offsetMilliseconds(zone, wallTimeAsUtc - MILLISECONDS_PER_DAY);
  const candidateOffsets = new Set([
    offsetBefore,
    offsetMilliseconds(zone, wallTimeAsUtc),
    offsetMilliseconds(zone, wallTimeAsUtc + MILLISECONDS_PER_DAY),
  ]);
  const matchingInstants = [...candidateOffsets]
    .map((offset) => wallTimeAsUtc - offset)
    .filter((instant) => offsetMilliseconds(zone, instant) === wallTimeAsUtc - instant);

  // Two matches: the wall time is ambiguous; none: it falls in a gap.
  if (matchingInstants.length > 0) return new Date(Math.min(...matchingInstants));
  return new Date(wallTimeAsUtc - offsetBefore);
}

/**
 * "YYYY-MM-DDTHH:MM:SS" as clocks in `zone` show `instant`, for a datetime-local
 * input's value. Milliseconds are dropped; an unknown zone falls back to UTC.
 */
export function instantToWallTime(instant: Date, zone: string): string {
  assertValidInstant(instant);
  const effectiveZone = isValidTimeZone(zone) ? zone : FALLBACK_ZONE;
  const wallClock = new Date(instant.getTime() + offsetMilliseconds(effectiveZone, instant.getTime()));
  return formatWallTime({
    year: wallClock.getUTCFullYear(),
    month: wallClock.getUTCMonth() + 1,
    day: wallClock.getUTCDate(),
    hour: wallClock.getUTCHours(),
    minute: wallClock.getUTCMinutes(),
    second: wallClock.getUTCSeconds(),
  });
}

/**
 * e.g. "28 Nov 2026, 17:05 CET": en-GB, medium date, short time and the zone's
 * short name. An unknown zone falls back to UTC (and says so).
 */
export function formatInZone(instant: Date, zone: string, options: { withZoneName?: boolean } = {}): string {
  assertValidInstant(instant);
  const timeZone = isValidTimeZone(zone) ? zone : FALLBACK_ZONE;
  const dateTime = formatterFor("en-GB", timeZone, { dateStyle: "medium", timeStyle: "short" }).format(instant);
  if (options.withZoneName === false) return dateTime;
  return `${dateTime} ${shortZoneName(instant, timeZone)}`;
}

/** "CET", "BST", or "GMT-5" where English has no abbreviation. */
function shortZoneName(instant: Date, timeZone: string): string {
  // dateStyle/timeStyle cannot be combined with timeZoneName, hence a second format.
  const parts = formatterFor("en-GB", timeZone, { timeZoneName: "short" }).formatToParts(instant);
  return parts.find((part) => part.type === "timeZoneName")?.value ?? timeZone;
}

function parseWallTime(wallTime: string): WallTimeFields | null {
  const match = WALL_TIME_PATTERN.exec(wallTime);
  if (match === null) return null;
  const field = (index: number) => Number(match[index] ?? "0"); // seconds are optional
  const fields = { year: field(1), month: field(2), day: field(3), hour: field(4), minute: field(5), second: field(6) };
  return isRealCalendarTime(fields) ? fields : null;
}

function isRealCalendarTime(fields: WallTimeFields): boolean {
  const { year, month, day, hour, minute, second } = fields;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  return hour <= 23 && minute <= 59 && second <= 59;
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  const lastDay = new Date(0);
  lastDay.setUTCFullYear(year, month, 0);
  return lastDay.getUTCDate();
}

/** The wall-clock fields read as if they were UTC. */
function fieldsAsUtcMilliseconds(fields: WallTimeFields): number {
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  date.setUTCFullYear(fields.year, fields.month - 1, fields.day);
  date.setUTCHours(fields.hour, fields.minute, fields.second, 0);
  return date.getTime();
}

function formatWallTime(fields: WallTimeFields): string {
  const pad = (value: number, width = 2) => String(value).padStart(width, "0");
  const date = `${pad(fields.year, 4)}-${pad(fields.month)}-${pad(fields.day)}`;
  return `${date}T${pad(fields.hour)}:${pad(fields.minute)}:${pad(fields.second)}`;
}

/** UTC offset of `zone` at the instant, in milliseconds (east of Greenwich positive). */
function offsetMilliseconds(zone: string, epochMilliseconds: number): number {
  // Historical offsets can include seconds, hence fractional minutes.
  return Math.round(tzOffset(zone, new Date(epochMilliseconds)) * MILLISECONDS_PER_MINUTE);
}

function assertValidInstant(instant: Date): void {
  if (Number.isNaN(instant.getTime())) throw new Error("Time zones: the instant is not a valid date");
}
