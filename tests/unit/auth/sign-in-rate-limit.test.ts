import { describe, expect, it } from "vitest";
import { signInLimited } from "@/lib/auth/sign-in-rate-limit";
import { safeReturnPath } from "@/lib/auth/safe-redirect";

describe("sign-in mail limits", () => {
  it("sends at most five links per address per hour, whatever the client", () => {
    const now = 10_000_000;
    const results = Array.from({ length: 6 }, (_, index) => signInLimited("Someone@Example.test", `203.0.113.${index}`, now + index));
    expect(results).toEqual([false, false, false, false, false, true]);
    expect(signInLimited("someone@example.test", "203.0.113.99", now + 3_600_000)).toBe(false);
  });

  it("sends at most twenty links per client address per hour, whatever the e-mail", () => {
    const now = 20_000_000;
    const results = Array.from({ length: 21 }, (_, index) => signInLimited(`user${index}@example.test`, "198.51.100.9", now));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(results.at(-1)).toBe(true);
  });
});

describe("return paths after sign-in", () => {
  it.each([
    ["/cases/abc", "/cases/abc"],
    ["/inbox?x=1#top", "/inbox?x=1#top"],
    ["https://evil.example/", "/inbox"],
    ["//evil.example/path", "/inbox"],
    ["/\\evil.example", "/inbox"],
    ["javascript:alert(1)", "/inbox"],
    ["", "/inbox"],
    [null, "/inbox"],
  ])("%j → %s", (candidate, expected) => {
    expect(safeReturnPath(candidate)).toBe(expected);
  });
});
