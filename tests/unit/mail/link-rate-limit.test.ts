import { describe, expect, it } from "vitest";
import { isRateLimited, recordBadLink } from "@/lib/mail/link-rate-limit";

describe("rate limit on invalid action links", () => {
  it("blocks an address after ten bad links in a quarter of an hour, and only that address", () => {
    const start = 1_000_000;
    for (let index = 0; index < 9; index += 1) recordBadLink("198.51.100.1", start + index);
    expect(isRateLimited("198.51.100.1", start + 10)).toBe(false);
    recordBadLink("198.51.100.1", start + 11);
    expect(isRateLimited("198.51.100.1", start + 12)).toBe(true);
    expect(isRateLimited("198.51.100.2", start + 12)).toBe(false);
  });

  it("lets the address try again once the window has passed", () => {
    const start = 5_000_000;
    for (let index = 0; index < 10; index += 1) recordBadLink("198.51.100.3", start);
    expect(isRateLimited("198.51.100.3", start + 60_000)).toBe(true);
    expect(isRateLimited("198.51.100.3", start + 15 * 60_000)).toBe(false);
    recordBadLink("198.51.100.3", start + 15 * 60_000);
    expect(isRateLimited("198.51.100.3", start + 15 * 60_000 + 1)).toBe(false);
  });
});
