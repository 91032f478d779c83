import { describe, expect, it } from "vitest";
import { thresholdToNotify } from "@/lib/tenant/expiry-threshold";

const NOW = new Date("2026-12-04T00:00:00Z");
const inDays = (days: number) => new Date(NOW.getTime() + days * 86_400_000);

describe("which expiry threshold the owners are told about", () => {
  it("none beyond 90 days, or without an expiry", () => {
    expect(thresholdToNotify(inDays(91), NOW, null)).toBeNull();
    expect(thresholdToNotify(null, NOW, null)).toBeNull();
  });
  it("the smallest threshold the certificate is within", () => {
    expect(thresholdToNotify(inDays(90), NOW, null)).toBe(90);
    expect(thresholdToNotify(inDays(45), NOW, null)).toBe(60);
    expect(thresholdToNotify(inDays(20), NOW, null)).toBe(30);
    expect(thresholdToNotify(inDays(-3), NOW, null)).toBe(30);
  });
  it("once per threshold: not again for the same or a larger one, again for a smaller one", () => {
    expect(thresholdToNotify(inDays(80), NOW, 90)).toBeNull();
    expect(thresholdToNotify(inDays(50), NOW, 90)).toBe(60);
    expect(thresholdToNotify(inDays(25), NOW, 60)).toBe(30);
    expect(thresholdToNotify(inDays(10), NOW, 30)).toBeNull();
  });
});
