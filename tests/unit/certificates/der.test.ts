import { describe, it, expect } from "vitest";
import {
  DerError,
  readBoolean,
  readIntegerBytes,
  readNamedBits,
  readOid,
  readSingle,
} from "@/lib/certificates/der/reader";
import { readTime } from "@/lib/certificates/der/time";
import { normalizeString } from "@/lib/certificates/certificate/name";

const bytes = (...b: number[]) => new Uint8Array(b);

describe("strict DER reader", () => {
  it("reads a minimal INTEGER and OID", () => {
    expect(readIntegerBytes(readSingle(bytes(0x02, 0x01, 0x05)))).toEqual(bytes(0x05));
    expect(readOid(readSingle(bytes(0x06, 0x03, 0x55, 0x1d, 0x13)))).toBe("2.5.29.19");
  });

  it.each([
    ["indefinite length", bytes(0x30, 0x80, 0x00, 0x00)],
    ["non-minimal long length", bytes(0x04, 0x81, 0x01, 0x00)],
    ["length with leading zero", bytes(0x04, 0x82, 0x00, 0x81, ...new Array(0x81).fill(0))],
    ["length beyond the data", bytes(0x04, 0x05, 0x00)],
    ["trailing data", bytes(0x05, 0x00, 0x00)],
  ])("rejects %s", (_label, input) => {
    expect(() => readSingle(input)).toThrow(DerError);
  });

  it("rejects non-minimal integers and non-DER booleans", () => {
    expect(() => readIntegerBytes(readSingle(bytes(0x02, 0x02, 0x00, 0x7f)))).toThrow(/non-minimal/);
    expect(() => readIntegerBytes(readSingle(bytes(0x02, 0x02, 0xff, 0x80)))).toThrow(/non-minimal/);
    expect(() => readBoolean(readSingle(bytes(0x01, 0x01, 0x01)))).toThrow(DerError);
    expect(readBoolean(readSingle(bytes(0x01, 0x01, 0xff)))).toBe(true);
  });

  it("rejects named bit lists with trailing zero bits", () => {
    // keyUsage digitalSignature encoded with 7 unused bits is DER; with 0 unused bits it is not.
    expect(readNamedBits(readSingle(bytes(0x03, 0x02, 0x07, 0x80))).bytes).toEqual(bytes(0x80));
    expect(() => readNamedBits(readSingle(bytes(0x03, 0x02, 0x00, 0x80)))).toThrow(/trailing zero/);
  });
});

describe("certificate times", () => {
  const time = (tag: number, s: string) => readSingle(new Uint8Array([tag, s.length, ...Buffer.from(s, "latin1")]));

  it("reads UTCTime and GeneralizedTime with the RFC 5280 century rule", () => {
    expect(readTime(time(0x17, "491231235959Z")).toISOString()).toBe("2049-12-31T23:59:59.000Z");
    expect(readTime(time(0x17, "500101000000Z")).toISOString()).toBe("1950-01-01T00:00:00.000Z");
    expect(readTime(time(0x18, "99991231235959Z")).toISOString()).toBe("9999-12-31T23:59:59.000Z");
  });

  it.each(["4912312359Z", "491231235959+0100", "491231235959.5Z", "491331235959Z", "490230000000Z"])(
    "rejects UTCTime %s",
    (s) => {
      expect(() => readTime(time(0x17, s))).toThrow(DerError);
    },
  );

  it("rejects fractional GeneralizedTime", () => {
    expect(() => readTime(time(0x18, "20500101000000.1Z"))).toThrow(DerError);
  });
});

describe("name normalization (RFC 5280 7.1)", () => {
  it("ignores case and insignificant whitespace", () => {
    expect(normalizeString("  Test   CA\tOne ")).toBe(normalizeString("test ca one"));
    expect(normalizeString("Test CA")).not.toBe(normalizeString("Test CB"));
  });
});
