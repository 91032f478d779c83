import { describe, expect, it } from "vitest";
import { fromHexAlias, toHexAlias } from "@/lib/tenant/hex-alias";

// The reference's worked examples (§2.1).
const EXAMPLES = [
  ["smtp.mail.yahoo.com", "736D74702E6D61696C2E7961686F6F2E636F6D"],
  ["my alias", "6D7920616C696173"],
  ["mykeypair", "6D796B657970616972"],
  ["Zertifikat ä/1", "5A6572746966696B617420C3A42F31"],
] as const;

describe("hex aliases", () => {
  it.each(EXAMPLES)("encodes %s as uppercase UTF-8 hex", (alias, hex) => {
    expect(toHexAlias(alias)).toBe(hex);
  });

  it.each(EXAMPLES)("decodes the hex of %s in either case", (alias, hex) => {
    expect(fromHexAlias(hex)).toBe(alias);
    expect(fromHexAlias(hex.toLowerCase())).toBe(alias);
  });

  it.each([
    ["an odd number of digits", "6D7"],
    ["a non-hex digit", "6G"],
    ["nothing", ""],
    ["bytes that are not UTF-8", "C3"],
  ])("refuses %s", (_label, hex) => {
    expect(fromHexAlias(hex)).toBeUndefined();
  });
});
