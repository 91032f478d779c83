/**
 * RFC 5545 calendar invitations (iTIP, RFC 5546) for the downtime window of a
 * certificate renewal case. Written by hand: the subset we need is small and a
 * dependency would cost more than it saves.
 */

export interface CalendarInvitation {
  /** Stable per case, e.g. `downtime-<caseId>@renewal-desk`, so updates replace the same event. */
  uid: string;
  /** 0 for the first invitation, incremented on every change or cancellation. */
  sequence: number;
  method: "REQUEST" | "CANCEL";
  /** Instants; written as UTC (YYYYMMDDTHHMMSSZ) so no VTIMEZONE is needed. */
  start: Date;
  end: Date;
  /** DTSTAMP: when this invitation was created. */
  stamp: Date;
  summary: string;
  description: string;
  location?: string;
  organizer: { name: string; email: string };
  attendees: { name?: string; email: string }[];
  url?: string;
}

const CRLF = "\r\n";
// RFC 5545 §3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break.
const MAX_LINE_OCTETS = 75;
const PRODUCT_ID = "-//Renewal Desk//Downtime window//EN";

export function calendarInvitation(invitation: CalendarInvitation): string {
  assertWellFormed(invitation);
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${PRODUCT_ID}`,
    "CALSCALE:GREGORIAN",
    `METHOD:${invitation.method}`,
    ...eventLines(invitation),
    "END:VCALENDAR",
  ];
  return lines.map((line) => foldLine(line) + CRLF).join("");
}

function eventLines(invitation: CalendarInvitation): string[] {
  const lines = [
    "BEGIN:VEVENT",
    `UID:${escapeText(invitation.uid)}`,
    `SEQUENCE:${invitation.sequence}`,
    `DTSTAMP:${utcDateTime(invitation.stamp)}`,
    `DTSTART:${utcDateTime(invitation.start)}`,
    `DTEND:${utcDateTime(invitation.end)}`,
    `SUMMARY:${escapeText(invitation.summary)}`,
    `DESCRIPTION:${escapeText(invitation.description)}`,
  ];
  if (invitation.location !== undefined) lines.push(`LOCATION:${escapeText(invitation.location)}`);
  if (invitation.url !== undefined) lines.push(`URL:${uriValue(invitation.url, "url")}`);
  lines.push(`ORGANIZER${commonNameParameter(invitation.organizer.name)}:${mailto(invitation.organizer.email)}`);
  for (const attendee of invitation.attendees) lines.push(attendeeLine(attendee));
  // RFC 5546 §3.2.5: a CANCEL marks the event itself as cancelled.
  lines.push(`STATUS:${invitation.method === "CANCEL" ? "CANCELLED" : "CONFIRMED"}`);
  lines.push("TRANSP:OPAQUE", "END:VEVENT");
  return lines;
}

function attendeeLine(attendee: { name?: string; email: string }): string {
  // RSVP=FALSE: a downtime window is a notice, we do not collect replies.
  const parameters = `${commonNameParameter(attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE`;
  return `ATTENDEE${parameters}:${mailto(attendee.email)}`;
}

function assertWellFormed(invitation: CalendarInvitation): void {
  for (const [name, date] of [
    ["start", invitation.start],
    ["end", invitation.end],
    ["stamp", invitation.stamp],
  ] as const) {
    if (Number.isNaN(date.getTime())) throw new Error(`Calendar invitation: ${name} is not a valid date`);
  }
  if (invitation.end.getTime() <= invitation.start.getTime()) {
    throw new Error("Calendar invitation: the window must end after it starts");
  }
  if (!Number.isInteger(invitation.sequence) || invitation.sequence < 0) {
    throw new Error("Calendar invitation: sequence must be a non-negative integer");
  }
}

/** DATE-TIME in UTC form, e.g. 20261128T160500Z (RFC 5545 §3.3.5, form #2). */
function utcDateTime(date: Date): string {
  const pad = (value: number, width = 2) => String(value).padStart(width, "0");
  const day = `${pad(date.getUTCFullYear(), 4)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}`;
  const time = `${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}`;
  return `${day}T${time}Z`;
}

/** TEXT value (RFC 5545 §3.3.11): escape backslash, semicolon, comma and line breaks. */
function escapeText(value: string): string {
  return (
    value
      .replace(/[\\;,]/g, (character) => `\\${character}`)
      .replace(/\r\n|\r|\n/g, "\\n")
      // Other control characters are not allowed in TEXT; tabs are.
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "")
  );
}

/**
 * Parameter value (RFC 5545 §3.2): quoted when it contains ":", ";" or ",".
 * DQUOTE and control characters cannot appear even when quoted, so they are replaced.
 */
function parameterValue(value: string): string {
  const safe = value.replace(/"/g, "'").replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, " ");
  return /[:;,]/.test(safe) ? `"${safe}"` : safe;
}

function commonNameParameter(name: string | undefined): string {
  if (name === undefined || name.trim() === "") return "";
  return `;CN=${parameterValue(name)}`;
}

function mailto(email: string): string {
  return `mailto:${uriValue(email, "email address")}`;
}

/** URI values are not escaped, so a line break in one would start a new property: refuse it. */
function uriValue(value: string, what: string): string {
  if (value === "" || /[\u0000-\u0020\u007f]/.test(value)) {
    throw new Error(`Calendar invitation: ${what} must be non-empty without spaces or control characters`);
  }
  return value;
}

/**
 * Folds a content line at 75 octets of UTF-8 (RFC 5545 §3.1): CRLF followed by one
 * space, which itself counts towards the next line. Iterating by code point keeps
 * multi-byte characters whole.
 */
function foldLine(line: string): string {
  const physicalLines: string[] = [];
  let current = "";
  let currentOctets = 0;
  let limit = MAX_LINE_OCTETS;
  for (const character of line) {
    const octets = utf8Octets(character);
    if (currentOctets + octets > limit) {
      physicalLines.push(current);
      current = "";
      currentOctets = 0;
      limit = MAX_LINE_OCTETS - 1; // room for the leading space
    }
    current += character;
    currentOctets += octets;
  }
  physicalLines.push(current);
  return physicalLines.join(`${CRLF} `);
}

function utf8Octets(character: string): number {
  const codePoint = character.codePointAt(0) ?? 0;
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3; // includes lone surrogates, encoded as U+FFFD
  return 4;
}
