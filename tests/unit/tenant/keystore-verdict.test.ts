import { describe, expect, it } from "vitest";
import { describeEntry, judgeKeystoreEntry, sameFingerprint } from "@/lib/tenant/keystore-verdict";
import type { KeystoreEntry } from "@/lib/tenant/keystore-entry";
import { completionNote } from "@/lib/workflow/completion-note";

const NEW = "AB".repeat(32);
const OLD = "CD".repeat(32);
const colons = (hex: string) => hex.match(/../g)!.join(":");

const entry: KeystoreEntry = {
  alias: "s4_client",
  hexAlias: "73345F636C69656E74",
  type: "Key Pair",
  keyType: "RSA",
  keySize: 2048,
  subjectDN: "CN=s4 client",
  issuerDN: "CN=Old CA",
  serialNumber: "0x01",
  signatureAlgorithm: "SHA256withRSA",
  validNotBefore: new Date("2026-01-01T00:00:00Z"),
  validNotAfter: new Date("2027-01-01T00:00:00Z"),
  fingerprintSha256: colons(OLD),
  owner: null,
  lastModifiedBy: null,
  lastModifiedTime: null,
};

describe("what the tenant's keystore says about the keystore step", () => {
  it("compares fingerprints whatever their case and separators, and only whole SHA-256 values", () => {
    expect(sameFingerprint(colons(NEW), NEW.toLowerCase())).toBe(true);
    expect(sameFingerprint(colons(NEW), OLD)).toBe(false);
    expect(sameFingerprint("", "")).toBe(false);
    expect(sameFingerprint("AB:CD", "abcd")).toBe(false);
  });

  it("verified when the entry is the new certificate", () => {
    expect(judgeKeystoreEntry(entry, colons(NEW), { newSha256: colons(NEW), oldSha256: colons(OLD) })).toEqual({
      kind: "verified",
      fingerprint: colons(NEW),
    });
  });

  it("tells a missing alias, the old certificate still there, and another certificate apart", () => {
    expect(judgeKeystoreEntry(null, null, { newSha256: NEW })).toEqual({ kind: "missing" });
    expect(judgeKeystoreEntry(entry, colons(OLD), { newSha256: NEW, oldSha256: OLD }).kind).toBe("old-certificate");
    expect(judgeKeystoreEntry(entry, colons(OLD), { newSha256: NEW, oldSha256: null }).kind).toBe("other-certificate");
    expect(judgeKeystoreEntry(entry, null, { newSha256: NEW, oldSha256: OLD }).kind).toBe("other-certificate");
  });

  it("says what the tenant holds in words", () => {
    expect(describeEntry(entry, colons(OLD))).toBe(
      `subject CN=s4 client, issued by CN=Old CA, valid 2026-01-01 to 2027-01-01, SHA-256 ${colons(OLD)}`,
    );
  });

  it("the completed step says whether it was verified against the tenant, or confirmed without the check and why", () => {
    expect(
      completionNote({ alias: "s4_client", tenantCheck: { result: "verified", tenant: "Prod", fingerprint: "AB:CD" } }),
    ).toBe("Verified against tenant “Prod”: it holds the new certificate under the alias “s4_client” (SHA-256 AB:CD).");
    expect(
      completionNote({ alias: "s4_client", tenantCheck: { result: "not-checked", tenant: "Prod", reason: "timeout" } }),
    ).toBe("Confirmed without the tenant check: tenant “Prod” could not be read (timeout).");
    expect(completionNote({ alias: "s4_client" })).toBeNull();
  });
});
