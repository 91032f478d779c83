import { afterEach, describe, expect, it, vi } from "vitest";
import {
  formatInZone,
  formatWallTimeText,
  instantToWallTime,
  isValidTimeZone,
  normalizeWallTimeText,
  zonedWallTimeToInstant,
} from "@/lib/time/zones";

afterEach(() => vi.unstubAllEnvs());

function isoOf(wallTime: string, zone: string): string | undefined {
  return zonedWallTimeToInstant(wallTime, zone)?.toISOString();
}

describe("time zone names", () => {
  it("accepts IANA names and UTC", () => {
    for (const zone of ["Europe/Berlin", "America/New_York", "Asia/Kolkata", "UTC"]) {
      expect(isValidTimeZone(zone)).toBe(true);
    }
  });

  it("rejects unknown names, blanks and bare offsets", () => {
    for (const zone of ["", " ", "abc", "Mars/Olympus", "+01:00", "-0500"]) {
      expect(isValidTimeZone(zone)).toBe(false);
    }
  });
});

describe("wall time in a zone to an instant", () => {
  it("uses the offset in force on that date", () => {
    expect(isoOf("2026-01-15T12:00", "Europe/Berlin")).toBe("2026-01-15T11:00:00.000Z");
    expect(isoOf("2026-07-15T12:00", "Europe/Berlin")).toBe("2026-07-15T10:00:00.000Z");
    expect(isoOf("2026-01-15T12:00", "America/New_York")).toBe("2026-01-15T17:00:00.000Z");
    expect(isoOf("2026-07-04T09:30:15", "America/New_York")).toBe("2026-07-04T13:30:15.000Z");
    expect(isoOf("2026-11-28T17:05", "Asia/Kolkata")).toBe("2026-11-28T11:35:00.000Z");
    expect(isoOf("2026-11-28T17:05", "UTC")).toBe("2026-11-28T17:05:00.000Z");
  });

  it("accepts a leap day only in a leap year", () => {
    expect(isoOf("2028-02-29T10:00", "UTC")).toBe("2028-02-29T10:00:00.000Z");
    expect(zonedWallTimeToInstant("2026-02-29T10:00", "UTC")).toBeNull();
  });

  it("returns null for malformed wall times and unknown zones", () => {
    const malformed = [
      "",
      "abc",
      "2026-13-01T00:00",
      "2026-00-10T00:00",
      "2026-04-31T00:00",
      "2026-11-28T24:00",
      "2026-11-28T12:60",
      "2026-11-28T12:00:60",
      "2026-11-28 17:05",
      "2026-11-28T17:05Z",
      "2026-11-28T17:05+01:00",
      "2026-11-28T17:05:00.000",
      "2026-11-28",
    ];
    for (const wallTime of malformed) expect(zonedWallTimeToInstant(wallTime, "Europe/Berlin")).toBeNull();
    expect(zonedWallTimeToInstant("2026-11-28T17:05", "Mars/Olympus")).toBeNull();
    expect(zonedWallTimeToInstant("2026-11-28T17:05", "")).toBeNull();
  });

  it("moves a wall time in the spring-forward gap forward by the length of the gap", () => {
    // Europe/Berlin skips 02:00–03:00 on 29 March 2026.
    const berlin = zonedWallTimeToInstant("2026-03-29T02:30", "Europe/Berlin");
    expect(berlin?.toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(instantToWallTime(berlin!, "Europe/Berlin")).toBe("2026-03-29T03:30:00");
    // America/New_York skips 02:00–03:00 on 8 March 2026.
    const newYork = zonedWallTimeToInstant("2026-03-08T02:30", "America/New_York");
    expect(newYork?.toISOString()).toBe("2026-03-08T07:30:00.000Z");
    expect(instantToWallTime(newYork!, "America/New_York")).toBe("2026-03-08T03:30:00");
  });

  it("picks the earlier instant for a wall time that happens twice when clocks go back", () => {
    // Europe/Berlin shows 02:00–03:00 twice on 25 October 2026: CEST, then CET.
    expect(isoOf("2026-10-25T02:30", "Europe/Berlin")).toBe("2026-10-25T00:30:00.000Z");
    expect(instantToWallTime(new Date("2026-10-25T01:30:00Z"), "Europe/Berlin")).toBe("2026-10-25T02:30:00");
    // America/New_York shows 01:00–02:00 twice on 1 November 2026: EDT, then EST.
    expect(isoOf("2026-11-01T01:30", "America/New_York")).toBe("2026-11-01T05:30:00.000Z");
  });

  it("does not depend on the time zone of the machine", () => {
    vi.stubEnv("TZ", "Pacific/Auckland");
    expect(isoOf("2026-03-29T02:30", "Europe/Berlin")).toBe("2026-03-29T01:30:00.000Z");
    expect(isoOf("2026-10-25T02:30", "Europe/Berlin")).toBe("2026-10-25T00:30:00.000Z");
    expect(instantToWallTime(new Date("2026-07-15T10:00:00Z"), "Europe/Berlin")).toBe("2026-07-15T12:00:00");
  });
});

describe("instant to wall time in a zone", () => {
  it("gives a datetime-local value with seconds", () => {
    const instant = new Date("2026-11-28T16:05:09.750Z");
    expect(instantToWallTime(instant, "Europe/Berlin")).toBe("2026-11-28T17:05:09");
    expect(instantToWallTime(instant, "Asia/Kolkata")).toBe("2026-11-28T21:35:09");
    expect(instantToWallTime(instant, "America/New_York")).toBe("2026-11-28T11:05:09");
    expect(instantToWallTime(instant, "UTC")).toBe("2026-11-28T16:05:09");
  });

  it("falls back to UTC for an unknown zone", () => {
    expect(instantToWallTime(new Date("2026-11-28T16:05:00Z"), "Mars/Olympus")).toBe("2026-11-28T16:05:00");
  });

  it("round-trips ordinary wall times", () => {
    const zones = ["Europe/Berlin", "America/New_York", "Asia/Kolkata", "UTC"];
    const wallTimes = ["2026-01-01T00:00:00", "2026-03-29T03:00:00", "2026-07-15T23:59:59", "2026-12-31T12:34:56"];
    for (const zone of zones) {
      for (const wallTime of wallTimes) {
        const instant = zonedWallTimeToInstant(wallTime, zone);
        expect(instant).not.toBeNull();
        expect(instantToWallTime(instant!, zone)).toBe(wallTime);
      }
      expect(instantToWallTime(zonedWallTimeToInstant("2026-11-28T17:05", zone)!, zone)).toBe("2026-11-28T17:05:00");
    }
  });
});

describe("formatting an instant for a viewer", () => {
  const winter = new Date("2026-11-28T16:05:00Z");
  const summer = new Date("2026-07-15T16:05:00Z");

  it("shows the date, the time and the zone's short name", () => {
    expect(formatInZone(winter, "Europe/Berlin")).toBe("28 Nov 2026, 17:05 CET");
    expect(formatInZone(summer, "Europe/Berlin")).toBe("15 Jul 2026, 18:05 CEST");
    expect(formatInZone(winter, "America/New_York")).toBe("28 Nov 2026, 11:05 GMT-5");
    expect(formatInZone(winter, "Asia/Kolkata")).toBe("28 Nov 2026, 21:35 GMT+5:30");
    expect(formatInZone(winter, "UTC")).toBe("28 Nov 2026, 16:05 UTC");
  });

  it("can leave out the zone name", () => {
    expect(formatInZone(winter, "Europe/Berlin", { withZoneName: false })).toBe("28 Nov 2026, 17:05");
  });

  it("falls back to UTC, and says so, for an unknown zone", () => {
    expect(formatInZone(winter, "Mars/Olympus")).toBe("28 Nov 2026, 16:05 UTC");
  });
});

describe("wall times as people type them", () => {
  it.each([
    ["5 Dec 2026, 06:00", "2026-12-05T06:00:00"],
    ["05 dec 2026 6:00", "2026-12-05T06:00:00"],
    ["5 December 2026, 18:30", "2026-12-05T18:30:00"],
    ["2026-12-05 06:00", "2026-12-05T06:00:00"],
    ["2026-12-05T06:00:30", "2026-12-05T06:00:30"],
  ])("%s → %s", (text, expected) => {
    expect(normalizeWallTimeText(text)).toBe(expected);
  });
  it.each(["31 Feb 2026, 06:00", "5 Foo 2026, 06:00", "5 Dec 2026, 25:00", "06:00", "tomorrow", ""])(
    "refuses %j",
    (text) => {
      expect(normalizeWallTimeText(text)).toBeNull();
    },
  );
  it("reads back what the page writes", () => {
    const instant = new Date("2026-12-05T05:00:00Z");
    const text = formatWallTimeText(instant, "Europe/Berlin");
    expect(text).toBe("5 Dec 2026, 06:00");
    expect(zonedWallTimeToInstant(normalizeWallTimeText(text)!, "Europe/Berlin")).toEqual(instant);
  });
});
