import "reflect-metadata";
import { describe, it, expect, beforeAll } from "vitest";
import * as x509 from "@peculiar/x509";
import { OID, parseCertificate, validatePath, type ParsedCertificate, type PathOptions } from "@/lib/certificates";
import { importPublicKey } from "@/lib/certificates/certificate/public-key";
import {
  CLIENT_AUTH,
  DAY,
  NOW,
  SERVER_AUTH,
  makeCert,
  makeChain,
  nameConstraints,
  newKey,
  san,
  type Chain,
  type TestCert,
} from "../../support/certificates";

const KU = x509.KeyUsageFlags;
const CLIENT: PathOptions = { time: NOW, requiredEku: OID.clientAuth, requiredLeafKeyUsage: ["digitalSignature"] };

function parsed(cert: TestCert | Uint8Array): ParsedCertificate {
  const result = parseCertificate(cert instanceof Uint8Array ? cert : cert.der);
  if (!result.ok) throw new Error(result.message);
  return result.certificate;
}

function check(leaf: TestCert, intermediates: TestCert[], anchors: TestCert[], options: Partial<PathOptions> = {}) {
  return validatePath(
    { leaf: parsed(leaf), intermediates: intermediates.map(parsed), anchors: anchors.map(parsed) },
    { ...CLIENT, ...options },
  );
}

const codesOf = (r: ReturnType<typeof validatePath>) => r.problems.map((p) => p.code);

let chain: Chain;
beforeAll(async () => {
  chain = await makeChain();
});

describe("building and verifying the path", () => {
  it("validates leaf → intermediate → root and reports each link", () => {
    const result = check(chain.leaf, [chain.intermediate], [chain.root]);
    expect(result.valid).toBe(true);
    expect(result.links.map((l) => [l.kind, l.signatureVerified, l.ok])).toEqual([
      ["leaf", true, true],
      ["intermediate", true, true],
      ["anchor", null, true],
    ]);
  });

  it("validates an RSA-2048 chain", async () => {
    const rsa = await makeChain("rsa2048", "RSA");
    expect(check(rsa.leaf, [rsa.intermediate], [rsa.root]).valid).toBe(true);
  });

  it("trusts the anchor by its key, not by its name", async () => {
    const impostor = await makeCert({ subject: chain.root.cert.subject, ca: true });
    const result = check(chain.leaf, [chain.intermediate], [impostor]);
    expect(result.valid).toBe(false);
    expect(result.reachedAnchor).toBe(false);
    expect(codesOf(result)).toEqual(["NOT_SIGNED_BY_ROOT"]);
  });

  it("accepts a re-issued root certificate with the same name and key", async () => {
    const reissued = await makeCert({
      subject: chain.root.cert.subject,
      ca: true,
      key: chain.root.key,
      notAfter: new Date(NOW.getTime() + 900 * DAY),
    });
    expect(check(chain.leaf, [chain.intermediate], [reissued]).valid).toBe(true);
  });

  it("rejects a certificate whose signature was tampered with", () => {
    const der = new Uint8Array(chain.leaf.der);
    der[der.length - 5] = der[der.length - 5]! ^ 0x01;
    const result = validatePath(
      { leaf: parsed(der), intermediates: [parsed(chain.intermediate)], anchors: [parsed(chain.root)] },
      CLIENT,
    );
    expect(codesOf(result)).toEqual(["NOT_SIGNED_BY_ROOT"]);
  });

  it("does not complete a path through a missing intermediate", () => {
    const result = check(chain.leaf, [], [chain.root]);
    expect(codesOf(result)).toEqual(["NOT_SIGNED_BY_ROOT"]);
    expect(result.links).toHaveLength(1);
    expect(result.links[0]!.signatureVerified).toBe(false);
  });

  it("matches issuer and subject names after RFC 5280 normalization, but not in another RDN order", async () => {
    const ca = await makeCert({ subject: "CN=Issuing CA, O=Tests", ca: true, issuer: chain.root });
    const leafA = await makeCert({ subject: "CN=a", issuer: ca, issuerName: "CN=issuing   ca, O=TESTS" });
    expect(check(leafA, [ca], [chain.root]).valid).toBe(true);
    const leafB = await makeCert({ subject: "CN=b", issuer: ca, issuerName: "O=Tests, CN=Issuing CA" });
    expect(codesOf(check(leafB, [ca], [chain.root]))).toEqual(["NOT_SIGNED_BY_ROOT"]);
  });

  it("backtracks past an expired copy of an intermediate to a valid one", async () => {
    const expired = await makeCert({
      subject: chain.intermediate.cert.subject,
      ca: true,
      issuer: chain.root,
      key: chain.intermediate.key,
      notAfter: new Date(NOW.getTime() - DAY),
    });
    const result = check(chain.leaf, [expired, chain.intermediate], [chain.root]);
    expect(result.valid).toBe(true);
    expect(result.path[1]!.sha256).toBe(parsed(chain.intermediate).sha256);
  });

  it("terminates on cross-signed intermediates that form a cycle", async () => {
    const a = await makeCert({ subject: "CN=Cycle A", ca: true });
    const b = await makeCert({ subject: "CN=Cycle B", ca: true, issuer: a });
    const aByB = await makeCert({ subject: "CN=Cycle A", ca: true, issuer: b, key: a.key });
    const leaf = await makeCert({ subject: "CN=cycle leaf", issuer: b });
    expect(codesOf(check(leaf, [aByB, b], [chain.root]))).toEqual(["NOT_SIGNED_BY_ROOT"]);
  });

  it("caches each imported issuer key", () => {
    const root = parsed(chain.root);
    expect(importPublicKey(root.publicKey)).not.toBeNull();
    expect(importPublicKey(root.publicKey)).toBe(importPublicKey(root.publicKey));
  });
});

describe("validity (RFC 5280 4.1.2.5: inclusive, second resolution)", () => {
  let leaf: TestCert;
  const from = new Date("2026-07-01T00:00:00Z");
  const until = new Date("2026-08-01T00:00:00Z");
  beforeAll(async () => {
    leaf = await makeCert({ subject: "CN=timed", issuer: chain.intermediate, notBefore: from, notAfter: until });
  });
  const at = (t: number) => codesOf(check(leaf, [chain.intermediate], [chain.root], { time: new Date(t) }));

  it("is valid exactly at notBefore and exactly at notAfter", () => {
    expect(at(from.getTime())).toEqual([]);
    expect(at(until.getTime())).toEqual([]);
    expect(at(until.getTime() + 999)).toEqual([]);
  });

  it("is not valid one second outside", () => {
    expect(at(from.getTime() - 1)).toEqual(["LEAF_NOT_YET_VALID"]);
    expect(at(until.getTime() + 1000)).toEqual(["LEAF_EXPIRED"]);
  });

  it("checks intermediates and the root too", async () => {
    const oldRoot = await makeCert({
      subject: "CN=Old Root",
      ca: true,
      notBefore: new Date("2020-01-01Z"),
      notAfter: new Date("2026-01-01Z"),
    });
    const oldCa = await makeCert({
      subject: "CN=Old CA",
      ca: true,
      issuer: oldRoot,
      notBefore: new Date("2020-01-01Z"),
      notAfter: new Date("2026-01-01Z"),
    });
    const lateLeaf = await makeCert({
      subject: "CN=late",
      issuer: oldCa,
      notBefore: new Date("2025-01-01Z"),
      notAfter: new Date("2027-01-01Z"),
    });
    expect(codesOf(check(lateLeaf, [oldCa], [oldRoot]))).toEqual(["INTERMEDIATE_EXPIRED", "ROOT_EXPIRED"]);
    const futureCa = await makeCert({
      subject: "CN=Future CA",
      ca: true,
      issuer: chain.root,
      notBefore: new Date(NOW.getTime() + DAY),
    });
    const leafOfFuture = await makeCert({ subject: "CN=f", issuer: futureCa });
    expect(codesOf(check(leafOfFuture, [futureCa], [chain.root]))).toEqual(["INTERMEDIATE_NOT_YET_VALID"]);
  });
});

describe("CA rules", () => {
  it("enforces pathLenConstraint on intermediates", async () => {
    // chain.intermediate has pathLen 0: it may not issue another CA.
    const sub = await makeCert({ subject: "CN=Sub CA", ca: true, issuer: chain.intermediate });
    const leaf = await makeCert({ subject: "CN=deep", issuer: sub });
    const result = check(leaf, [sub, chain.intermediate], [chain.root]);
    expect(codesOf(result)).toEqual(["PATH_LENGTH_EXCEEDED"]);
    expect(result.problems[0]!.position).toBe(1);
  });

  it("limits the number of intermediates when asked", async () => {
    expect(codesOf(check(chain.leaf, [chain.intermediate], [chain.root], { maxIntermediates: 0 }))).toEqual([
      "CHAIN_TOO_LONG",
    ]);
    expect(check(chain.leaf, [chain.intermediate], [chain.root], { maxIntermediates: 1 }).valid).toBe(true);
  });

  it("refuses an issuer that is not a CA", async () => {
    const notCa = await makeCert({ subject: "CN=Not a CA", issuer: chain.root, eku: "omit" });
    const leaf = await makeCert({ subject: "CN=x", issuer: notCa });
    expect(codesOf(check(leaf, [notCa], [chain.root]))).toContain("INTERMEDIATE_NOT_CA");
  });

  it("requires keyCertSign on a CA that has a keyUsage extension", async () => {
    const ca = await makeCert({
      subject: "CN=No Cert Sign CA",
      ca: true,
      issuer: chain.root,
      keyUsage: KU.digitalSignature | KU.cRLSign,
    });
    const leaf = await makeCert({ subject: "CN=y", issuer: ca });
    expect(codesOf(check(leaf, [ca], [chain.root]))).toEqual(["KEY_USAGE_MISMATCH"]);
  });

  it("rejects an unknown critical extension on a certificate in the path only", async () => {
    const unknown = new x509.Extension("1.3.6.1.4.1.55738.666.1", true, new Uint8Array([0x05, 0x00]));
    const leaf = await makeCert({ subject: "CN=odd", issuer: chain.intermediate, extensions: [unknown] });
    expect(codesOf(check(leaf, [chain.intermediate], [chain.root]))).toEqual(["UNKNOWN_CRITICAL_EXTENSION"]);
    const unusedCa = await makeCert({ subject: "CN=Unused CA", ca: true, issuer: chain.root, extensions: [unknown] });
    expect(check(chain.leaf, [unusedCa, chain.intermediate], [chain.root]).valid).toBe(true);
    const harmless = await makeCert({
      subject: "CN=ok",
      issuer: chain.intermediate,
      extensions: [new x509.Extension("1.3.6.1.4.1.55738.666.1", false, new Uint8Array([0x05, 0x00]))],
    });
    expect(check(harmless, [chain.intermediate], [chain.root]).valid).toBe(true);
  });

  it("refuses weak keys and SHA-1 signatures in the path", async () => {
    const weakCa = await makeCert({
      subject: "CN=Weak CA",
      ca: true,
      issuer: chain.root,
      key: await newKey("rsa1024"),
    });
    const leaf = await makeCert({ subject: "CN=w", issuer: weakCa });
    expect(codesOf(check(leaf, [weakCa], [chain.root]))).toEqual(["WEAK_KEY"]);
    const sha1Leaf = await makeCert({ subject: "CN=sha1", issuer: chain.intermediate, signingHash: "SHA-1" });
    expect(codesOf(check(sha1Leaf, [chain.intermediate], [chain.root]))).toEqual(["WEAK_SIGNATURE_ALGORITHM"]);
    // A root's own (self-)signature is not part of the trust decision.
    const sha1Root = await makeCert({ subject: "CN=SHA1 Root", ca: true, signingHash: "SHA-1" });
    const underSha1Root = await makeCert({ subject: "CN=r", issuer: sha1Root });
    expect(check(underSha1Root, [], [sha1Root]).valid).toBe(true);
  });

  it("allows a CA certificate in leaf position (RFC 5280); the renewal policy reports it separately", () => {
    expect(
      check(chain.intermediate, [], [chain.root], { requiredEku: undefined, requiredLeafKeyUsage: [] }).valid,
    ).toBe(true);
  });
});

describe("extended key usage", () => {
  it("requires the purpose on the leaf", async () => {
    const server = await makeCert({ subject: "CN=server", issuer: chain.intermediate, eku: [SERVER_AUTH] });
    expect(codesOf(check(server, [chain.intermediate], [chain.root]))).toEqual(["EKU_NO_CLIENT_AUTH"]);
    expect(
      codesOf(check(chain.leaf, [chain.intermediate], [chain.root], { requiredEku: "1.3.6.1.5.5.7.3.3" })),
    ).toEqual(["EKU_NOT_PERMITTED"]);
  });

  it("does not accept anyExtendedKeyUsage or a missing extension on the leaf when a purpose is required", async () => {
    const any = await makeCert({
      subject: "CN=any",
      issuer: chain.intermediate,
      eku: [CLIENT_AUTH, OID.anyExtendedKeyUsage],
    });
    expect(codesOf(check(any, [chain.intermediate], [chain.root]))).toEqual(["EKU_NO_CLIENT_AUTH"]);
    const none = await makeCert({ subject: "CN=none", issuer: chain.intermediate, eku: "omit" });
    expect(codesOf(check(none, [chain.intermediate], [chain.root]))).toEqual(["EKU_NO_CLIENT_AUTH"]);
    expect(check(none, [chain.intermediate], [chain.root], { requiredEku: undefined }).valid).toBe(true);
  });

  it("honours an intermediate that restricts purposes", async () => {
    const serverOnlyCa = await makeCert({ subject: "CN=Server CA", ca: true, issuer: chain.root, eku: [SERVER_AUTH] });
    const leaf = await makeCert({ subject: "CN=c", issuer: serverOnlyCa });
    const result = check(leaf, [serverOnlyCa], [chain.root]);
    expect(codesOf(result)).toEqual(["EKU_NO_CLIENT_AUTH"]);
    expect(result.problems[0]!.position).toBe(1);
    const clientCa = await makeCert({ subject: "CN=Client CA", ca: true, issuer: chain.root, eku: [CLIENT_AUTH] });
    const okLeaf = await makeCert({ subject: "CN=d", issuer: clientCa });
    expect(check(okLeaf, [clientCa], [chain.root]).valid).toBe(true);
  });
});

describe("name constraints", () => {
  const dnOf = (name: string) => new Uint8Array(new x509.Name(name).toArrayBuffer());

  it("applies permitted and excluded DNS subtrees to the leaf", async () => {
    const ca = await makeCert({
      subject: "CN=Constrained CA",
      ca: true,
      issuer: chain.root,
      extensions: [nameConstraints({ dns: ["example.com"] }, { dns: ["bad.example.com"] })],
    });
    const good = await makeCert({ subject: "CN=good", issuer: ca, extensions: [san("host.example.com")] });
    const outside = await makeCert({ subject: "CN=outside", issuer: ca, extensions: [san("example.org")] });
    const excluded = await makeCert({ subject: "CN=excluded", issuer: ca, extensions: [san("x.bad.example.com")] });
    const lookalike = await makeCert({ subject: "CN=lookalike", issuer: ca, extensions: [san("notexample.com")] });
    expect(check(good, [ca], [chain.root]).valid).toBe(true);
    expect(codesOf(check(outside, [ca], [chain.root]))).toEqual(["NAME_CONSTRAINTS_VIOLATED"]);
    expect(codesOf(check(excluded, [ca], [chain.root]))).toEqual(["NAME_CONSTRAINTS_VIOLATED"]);
    expect(codesOf(check(lookalike, [ca], [chain.root]))).toEqual(["NAME_CONSTRAINTS_VIOLATED"]);
  });

  it("applies e-mail and directory-name subtrees", async () => {
    const ca = await makeCert({
      subject: "CN=Mail CA, O=Tests",
      ca: true,
      issuer: chain.root,
      extensions: [nameConstraints({ email: ["example.com"], dn: [dnOf("O=Customer")] })],
    });
    const good = await makeCert({
      subject: "O=Customer, CN=alice",
      issuer: ca,
      extensions: [san("alice@example.com")],
    });
    const wrongMail = await makeCert({
      subject: "O=Customer, CN=bob",
      issuer: ca,
      extensions: [san("bob@example.org")],
    });
    const wrongDn = await makeCert({
      subject: "O=Other, CN=carol",
      issuer: ca,
      extensions: [san("carol@example.com")],
    });
    expect(check(good, [ca], [chain.root]).valid).toBe(true);
    expect(codesOf(check(wrongMail, [ca], [chain.root]))).toEqual(["NAME_CONSTRAINTS_VIOLATED"]);
    expect(codesOf(check(wrongDn, [ca], [chain.root]))).toEqual(["NAME_CONSTRAINTS_VIOLATED"]);
  });

  it("refuses a non-critical name constraints extension (RFC 5280 requires critical)", async () => {
    const ca = await makeCert({
      subject: "CN=Lax CA",
      ca: true,
      issuer: chain.root,
      extensions: [nameConstraints({ dns: ["example.com"] }, {}, false)],
    });
    const leaf = await makeCert({ subject: "CN=l", issuer: ca, extensions: [san("a.example.com")] });
    expect(codesOf(check(leaf, [ca], [chain.root]))).toEqual(["NONCONFORMING_CERTIFICATE"]);
  });
});

describe("adversarial input stays bounded", () => {
  async function sameSubjectFlood(count: number, sharedKey: boolean) {
    const key = sharedKey ? await newKey() : undefined;
    const certs: TestCert[] = [];
    let previous: TestCert | undefined;
    for (let i = 0; i < count; i++) {
      const cert: TestCert = await makeCert({
        subject: "CN=Flood CA",
        ca: true,
        issuer: previous,
        key: key ?? (await newKey()),
      });
      certs.push(cert);
      previous = cert;
    }
    const leaf = await makeCert({ subject: "CN=flood leaf", issuer: previous });
    return { leaf, certs };
  }

  it.each([
    [9, false],
    [100, false],
    [100, true],
  ])(
    "%i intermediates with one subject (shared key: %s) finish well under 250 ms",
    async (count, shared) => {
      const { leaf, certs } = await sameSubjectFlood(count, shared);
      const input = { leaf: parsed(leaf), intermediates: certs.map(parsed), anchors: [parsed(chain.root)] };
      const start = performance.now();
      const result = validatePath(input, CLIENT);
      const elapsed = performance.now() - start;
      expect(result.valid).toBe(false);
      expect(codesOf(result)).toEqual(["NOT_SIGNED_BY_ROOT"]);
      expect(result.stats.signatureChecks).toBeLessThanOrEqual(200);
      expect(elapsed).toBeLessThan(250);
    },
    30_000,
  );
});
