import { describe, expect, it } from "vitest";
import { safeReturnPath } from "@/lib/auth/safe-redirect";

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
