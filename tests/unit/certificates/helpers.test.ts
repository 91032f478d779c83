import { describe, it, expect, beforeAll } from "vitest";
import { execFileSync } from "node:child_process";
import { buildPkcs7, fingerprintMatches, intake, toDer, toPem, validateRenewal } from "@/lib/certificates";
import { NOW, makeChain, part, type Chain } from "../../support/certificates";

let chain: Chain;
beforeAll(async () => {
  chain = await makeChain();
});

describe("toPem / toDer", () => {
  it("round-trips DER through PEM, base64 and bytes", () => {
    const pem = toPem(chain.leaf.der);
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----\n([A-Za-z0-9+/=]{1,64}\n)+-----END CERTIFICATE-----\n$/);
    expect(toDer(pem)).toEqual(chain.leaf.der);
    expect(toDer(new TextEncoder().encode(pem))).toEqual(chain.leaf.der);
    expect(toDer(Buffer.from(chain.leaf.der).toString("base64"))).toEqual(chain.leaf.der);
    expect(toDer(chain.leaf.der)).toEqual(chain.leaf.der);
    expect(() => toDer("-----BEGIN PUBLIC KEY-----\nMAA=\n-----END PUBLIC KEY-----\n")).toThrow();
  });
});

describe("buildPkcs7", () => {
  it("produces a certs-only bundle that openssl and our intake both read", () => {
    const der = buildPkcs7([chain.leaf.der, chain.intermediate.der, chain.root.der], "der");
    const printed = execFileSync("openssl", ["pkcs7", "-inform", "DER", "-print_certs", "-noout"], {
      input: der,
    }).toString();
    for (const c of [chain.leaf, chain.intermediate, chain.root])
      expect(printed).toContain(c.cert.subject.split(", ")[0]!.replace("=", " = "));
    const read = intake([part(der)]);
    expect(read.ok && read.certificates.length).toBe(3);
    const pem = buildPkcs7([chain.leaf.der], "pem");
    expect(pem).toMatch(/^-----BEGIN PKCS7-----/);
    expect(execFileSync("openssl", ["pkcs7", "-print_certs", "-noout"], { input: pem }).toString()).toContain(
      "Test client",
    );
  });

  it("is accepted as a renewal upload (leaf and intermediate in one .p7b)", () => {
    const bundle = buildPkcs7([chain.intermediate.der, chain.leaf.der], "der");
    expect(
      validateRenewal({ newLeaf: [part(bundle, "chain.p7b")], newRoot: [part(chain.root.der, "root.cer")], at: NOW })
        .accepted,
    ).toBe(true);
  });
});

describe("fingerprintMatches", () => {
  it("accepts SHA-256 and SHA-1 in the usual spellings", () => {
    const summary = validateRenewal({
      newLeaf: [part(chain.leaf.pem + chain.intermediate.pem)],
      newRoot: [part(chain.root.pem)],
      at: NOW,
    }).certificates[0]!;
    const sha256 = summary.fingerprints.sha256;
    const sha1 = summary.fingerprints.sha1;
    for (const candidate of [
      sha256,
      sha256.toLowerCase(),
      sha256.replace(/:/g, ""),
      sha256.replace(/:/g, " "),
      `SHA256 Fingerprint=${sha256}`,
      sha1,
      sha1.replace(/:/g, "-").toLowerCase(),
    ]) {
      expect(fingerprintMatches(candidate, chain.leaf.der)).toBe(true);
      expect(fingerprintMatches(candidate, chain.leaf.pem)).toBe(true);
      expect(fingerprintMatches(candidate, summary)).toBe(true);
    }
  });

  it("rejects other certificates, truncated values and garbage", () => {
    const sha256 = validateRenewal({ newLeaf: [part(chain.root.pem)], at: NOW }).certificates[0]!.fingerprints.sha256;
    expect(fingerprintMatches(sha256, chain.root.der)).toBe(true);
    expect(fingerprintMatches(sha256, chain.leaf.der)).toBe(false);
    expect(fingerprintMatches(sha256.slice(0, -3), chain.root.der)).toBe(false);
    expect(fingerprintMatches("not a fingerprint", chain.root.der)).toBe(false);
    expect(fingerprintMatches(sha256, "not a certificate")).toBe(false);
  });
});
