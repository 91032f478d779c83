import { describe, expect, it } from "vitest";
import { calendarInvitation, type CalendarInvitation } from "@/lib/mail/ics";

function invitation(overrides: Partial<CalendarInvitation> = {}): CalendarInvitation {
  return {
    uid: "downtime-case-42@renewal-desk",
    sequence: 0,
    method: "REQUEST",
    start: new Date("2026-11-28T17:05:00+01:00"),
    end: new Date("2026-11-28T18:35:00+01:00"),
    stamp: new Date("2026-11-20T09:00:00Z"),
    summary: "Downtime: api.example.com",
    description: "Certificate renewal",
    organizer: { name: "Renewal Desk", email: "desk@example.com" },
    attendees: [{ name: "Jane Doe", email: "jane@example.com" }],
    ...overrides,
  };
}

/** Undoes folding (RFC 5545 §3.1) and splits into logical content lines. */
function contentLines(ics: string): string[] {
  return ics
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n")
    .filter((line) => line !== "");
}

function propertyValue(ics: string, name: string): string | undefined {
  const line = contentLines(ics).find(
    (candidate) => candidate.startsWith(`${name}:`) || candidate.startsWith(`${name};`),
  );
  return line?.slice(line.indexOf(":") + 1);
}

function parseUtcDateTime(value: string): Date {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (match === null) throw new Error(`not a UTC DATE-TIME: ${value}`);
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second));
}

describe("calendar invitation for a downtime window", () => {
  it("writes a complete request with CRLF line endings", () => {
    const expected = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//Renewal Desk//Downtime window//EN",
      "CALSCALE:GREGORIAN",
      "METHOD:REQUEST",
      "BEGIN:VEVENT",
      "UID:downtime-case-42@renewal-desk",
      "SEQUENCE:0",
      "DTSTAMP:20261120T090000Z",
      "DTSTART:20261128T160500Z",
      "DTEND:20261128T173500Z",
      "SUMMARY:Downtime: api.example.com",
      "DESCRIPTION:Certificate renewal",
      "LOCATION:Data centre 2",
      "URL:https://desk.example/cases/42",
      "ORGANIZER;CN=Renewal Desk:mailto:desk@example.com",
      "ATTENDEE;CN=Jane Doe;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:",
      " mailto:jane@example.com",
      "STATUS:CONFIRMED",
      "TRANSP:OPAQUE",
      "END:VEVENT",
      "END:VCALENDAR",
    ]
      .map((line) => `${line}\r\n`)
      .join("");
    const ics = calendarInvitation(invitation({ location: "Data centre 2", url: "https://desk.example/cases/42" }));
    expect(ics).toBe(expected);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });

  it("leaves out LOCATION and URL when not given", () => {
    const ics = calendarInvitation(invitation());
    expect(ics).not.toContain("LOCATION");
    expect(ics).not.toContain("URL:");
  });

  it("escapes backslash, semicolon, comma and line breaks in text values", () => {
    const ics = calendarInvitation(
      invitation({
        summary: "Renew a, b; c\\d",
        description: "Line one\nLine two\r\nLine three\rend",
        location: "Room 1; floor 2, east",
      }),
    );
    expect(propertyValue(ics, "SUMMARY")).toBe("Renew a\\, b\\; c\\\\d");
    expect(propertyValue(ics, "DESCRIPTION")).toBe("Line one\\nLine two\\nLine three\\nend");
    expect(propertyValue(ics, "LOCATION")).toBe("Room 1\\; floor 2\\, east");
  });

  it("folds long lines at 75 octets without splitting multi-byte characters", () => {
    const description = "Zertifikatsverlängerung für äöü — 証明書の更新 🔐🔑 ".repeat(8);
    const ics = calendarInvitation(invitation({ description }));
    const physicalLines = ics.split("\r\n").slice(0, -1);

    for (const line of physicalLines) {
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
      // A split surrogate pair or broken character would not survive a UTF-8 round trip.
      expect(new TextDecoder().decode(new TextEncoder().encode(line))).toBe(line);
    }
    const descriptionStart = physicalLines.findIndex((line) => line.startsWith("DESCRIPTION:"));
    const descriptionEnd = physicalLines.findIndex((line, index) => index > descriptionStart && !line.startsWith(" "));
    const descriptionLines = physicalLines.slice(descriptionStart, descriptionEnd);
    expect(descriptionLines.length).toBeGreaterThan(5);
    // Lines are filled: only a character of up to 4 octets can have been pushed to the next line.
    for (const line of descriptionLines.slice(0, -1)) {
      expect(new TextEncoder().encode(line).length).toBeGreaterThan(75 - 4);
    }
    expect(propertyValue(ics, "DESCRIPTION")).toBe(description.replace(/,/g, "\\,"));
  });

  it("writes a cancellation with the same UID, a higher sequence and STATUS:CANCELLED", () => {
    const ics = calendarInvitation(invitation({ method: "CANCEL", sequence: 2 }));
    const lines = contentLines(ics);
    expect(lines).toContain("METHOD:CANCEL");
    expect(lines).toContain("UID:downtime-case-42@renewal-desk");
    expect(lines).toContain("SEQUENCE:2");
    expect(lines).toContain("STATUS:CANCELLED");
    expect(lines).not.toContain("STATUS:CONFIRMED");
  });

  it("quotes a CN containing colon, semicolon or comma, and omits an absent CN", () => {
    const ics = calendarInvitation(
      invitation({
        organizer: { name: "Ops: night shift", email: "ops@example.com" },
        attendees: [
          { name: "Doe, Jane", email: "jane@example.com" },
          { name: 'Team "Blue"; EU', email: "blue@example.com" },
          { name: "Plain Name", email: "plain@example.com" },
          { email: "anonymous@example.com" },
        ],
      }),
    );
    const lines = contentLines(ics);
    expect(lines).toContain('ORGANIZER;CN="Ops: night shift":mailto:ops@example.com');
    const attendees = lines.filter((line) => line.startsWith("ATTENDEE"));
    const parameters = ";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE";
    expect(attendees).toEqual([
      `ATTENDEE;CN="Doe, Jane"${parameters}:mailto:jane@example.com`,
      // DQUOTE cannot appear inside a parameter value, even quoted.
      `ATTENDEE;CN="Team 'Blue'; EU"${parameters}:mailto:blue@example.com`,
      `ATTENDEE;CN=Plain Name${parameters}:mailto:plain@example.com`,
      `ATTENDEE${parameters}:mailto:anonymous@example.com`,
    ]);
  });

  it("writes start and end as UTC instants that parse back to the same moments", () => {
    const start = new Date("2026-03-29T01:30:00+01:00");
    const end = new Date("2026-03-29T04:15:30+02:00");
    const ics = calendarInvitation(invitation({ start, end }));
    const dtStart = propertyValue(ics, "DTSTART") ?? "";
    const dtEnd = propertyValue(ics, "DTEND") ?? "";
    expect(dtStart).toBe("20260329T003000Z");
    expect(dtEnd).toBe("20260329T021530Z");
    expect(parseUtcDateTime(dtStart).getTime()).toBe(start.getTime());
    expect(parseUtcDateTime(dtEnd).getTime()).toBe(end.getTime());
  });

  it("refuses a window that does not end after it starts", () => {
    const start = new Date("2026-11-28T16:00:00Z");
    expect(() => calendarInvitation(invitation({ start, end: start }))).toThrow(Error);
    expect(() => calendarInvitation(invitation({ start, end: new Date("2026-11-28T15:00:00Z") }))).toThrow(
      /end after it starts/,
    );
    expect(() => calendarInvitation(invitation({ start: new Date(Number.NaN) }))).toThrow(/not a valid date/);
  });

  it("refuses line breaks in addresses, which would inject properties", () => {
    const attendees = [{ email: "jane@example.com\r\nATTENDEE:mailto:eve@example.com" }];
    expect(() => calendarInvitation(invitation({ attendees }))).toThrow(/email address/);
    expect(() => calendarInvitation(invitation({ url: "https://x.example/\nX-EVIL:1" }))).toThrow(/url/);
  });
});
