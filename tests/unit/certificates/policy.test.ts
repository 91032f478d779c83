import "reflect-metadata";
import { describe, it, expect, beforeAll } from "vitest";
import * as x509 from "@peculiar/x509";
import { execFileSync } from "node:child_process";
import { ERROR_CODES, WARNING_CODES, toPem, validateRenewal, type RenewalInput } from "@/lib/certificates";
import {
  DAY,
  NOW,
  SERVER_AUTH,
  makeCert,
  makeChain,
  newKey,
  part,
  pems,
  type Chain,
  type TestCert,
} from "../../support/certificates";

const KU = x509.KeyUsageFlags;
let chain: Chain;
let otherChain: Chain;

beforeAll(async () => {
  chain = await makeChain("p256", "New");
  otherChain = await makeChain("p256", "Old");
});

/** A renewal where the new leaf (issued by chain.intermediate) is uploaded with its intermediate and chain.root. */
function renewal(leaf: TestCert, extra: Partial<RenewalInput> = {}) {
  return validateRenewal({
    newLeaf: [part(pems(leaf, chain.intermediate))],
    newRoot: [part(chain.root.pem)],
    at: NOW,
    ...extra,
  });
}

const errorCodes = (r: ReturnType<typeof validateRenewal>) => r.errors.map((e) => e.code);
const warningCodes = (r: ReturnType<typeof validateRenewal>) => r.warnings.map((w) => w.code);

describe("a good renewal", () => {
  it("is accepted with no findings, a full chain picture and complete summaries", async () => {
    const old = await makeCert({ subject: chain.leaf.cert.subject, issuer: otherChain.intermediate });
    const result = renewal(chain.leaf, { oldLeaf: [part(old.pem)], oldRoot: [part(otherChain.root.pem)] });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.accepted).toBe(true);
    expect(result.certificates.map((c) => [c.role, c.inChain])).toEqual([
      ["leaf", true],
      ["intermediate", true],
      ["root", true],
      ["old-leaf", false],
      ["old-root", false],
    ]);
    expect(result.chain.map((l) => [l.role, l.certificate, l.ok, l.signatureVerified])).toEqual([
      ["leaf", 0, true, true],
      ["intermediate", 1, true, true],
      ["root", 2, true, null],
    ]);
    const leaf = result.certificates[0]!;
    expect(leaf).toMatchObject({
      subject: chain.leaf.cert.subject,
      issuer: chain.intermediate.cert.subject,
      serialNumber: chain.leaf.cert.serialNumber.toUpperCase(),
      notAfter: chain.leaf.cert.notAfter.toISOString(),
      daysLeft: 365,
      keyType: "EC",
      curve: "P-256",
      keySize: 256,
      signatureAlgorithm: "ecdsa-with-SHA256",
      keyUsages: ["digitalSignature"],
      extendedKeyUsages: ["clientAuth"],
      isCA: false,
    });
    expect(leaf.fingerprints.sha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(leaf.fingerprints.sha1).toMatch(/^([0-9A-F]{2}:){19}[0-9A-F]{2}$/);
    expect(leaf.pem).toBe(toPem(chain.leaf.der));
    expect(result.certificates[2]).toMatchObject({
      isCA: true,
      selfIssued: true,
      keyUsages: ["keyCertSign", "cRLSign"],
    });
  });

  it("accepts the root inside the leaf bundle when no separate root is uploaded", () => {
    const result = validateRenewal({ newLeaf: [part(pems(chain.leaf, chain.intermediate, chain.root))], at: NOW });
    expect(result.accepted).toBe(true);
  });

  it("lists uploaded certificates that are not part of the chain", () => {
    const result = validateRenewal({
      newLeaf: [part(pems(chain.leaf, chain.intermediate, otherChain.intermediate))],
      newRoot: [part(chain.root.pem)],
      at: NOW,
    });
    expect(result.accepted).toBe(true);
    expect(result.certificates.find((c) => c.subject === otherChain.intermediate.cert.subject)).toMatchObject({
      role: "intermediate",
      inChain: false,
    });
  });
});

/** Each finding code with a scenario that must produce it. */
const scenarios: [string, () => Promise<ReturnType<typeof validateRenewal>>][] = [
  ["UNPARSEABLE", async () => renewal(chain.leaf, { newRoot: [part("this is not a certificate")] })],
  [
    "FILE_TOO_LARGE",
    async () => renewal(chain.leaf, { newRoot: [part(new Uint8Array(70 * 1024).fill(0x41), "root.pem")] }),
  ],
  [
    "PRIVATE_KEY_PRESENT",
    async () => {
      const key = (await newKey()).pair.privateKey;
      const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", key));
      return renewal(chain.leaf, { newRoot: [part(chain.root.pem + toPem(pkcs8, "PRIVATE KEY"))] });
    },
  ],
  [
    "AMBIGUOUS_LEAF",
    async () => {
      const second = await makeCert({ subject: "CN=Second client", issuer: chain.intermediate });
      return validateRenewal({
        newLeaf: [part(pems(chain.leaf, second, chain.intermediate))],
        newRoot: [part(chain.root.pem)],
        at: NOW,
      });
    },
  ],
  ["NOT_SIGNED_BY_ROOT", async () => renewal(chain.leaf, { newRoot: [part(otherChain.root.pem)] })],
  ["ROOT_NOT_SELF_SIGNED", async () => renewal(chain.leaf, { newRoot: [part(chain.intermediate.pem)] })],
  [
    "ROOT_NOT_CA",
    async () => {
      const root = await makeCert({ subject: "CN=Not A CA Root", ca: "omit", keyUsage: "omit", eku: "omit" });
      const leaf = await makeCert({ subject: "CN=under non-CA root", issuer: root });
      return validateRenewal({ newLeaf: [part(leaf.pem)], newRoot: [part(root.pem)], at: NOW });
    },
  ],
  [
    "ROOT_EXPIRED",
    async () => {
      const root = await makeCert({
        subject: "CN=Expired Root",
        ca: true,
        notBefore: new Date("2020-01-01Z"),
        notAfter: new Date(NOW.getTime() - DAY),
      });
      const leaf = await makeCert({ subject: "CN=c", issuer: root, notBefore: new Date("2021-01-01Z") });
      return validateRenewal({ newLeaf: [part(leaf.pem)], newRoot: [part(root.pem)], at: NOW });
    },
  ],
  [
    "ROOT_NOT_YET_VALID",
    async () => {
      const root = await makeCert({ subject: "CN=Future Root", ca: true, notBefore: new Date(NOW.getTime() + DAY) });
      const leaf = await makeCert({ subject: "CN=c", issuer: root });
      return validateRenewal({ newLeaf: [part(leaf.pem)], newRoot: [part(root.pem)], at: NOW });
    },
  ],
  [
    "LEAF_IS_CA",
    async () =>
      renewal(
        await makeCert({
          subject: "CN=CA as client",
          ca: true,
          issuer: chain.intermediate,
          eku: ["1.3.6.1.5.5.7.3.2"],
          keyUsage: KU.digitalSignature | KU.keyCertSign,
        }),
      ),
  ],
  [
    "LEAF_EXPIRED",
    async () =>
      renewal(
        await makeCert({ subject: "CN=expired", issuer: chain.intermediate, notAfter: new Date(NOW.getTime() - 1000) }),
      ),
  ],
  [
    "LEAF_NOT_YET_VALID",
    async () =>
      renewal(
        await makeCert({ subject: "CN=future", issuer: chain.intermediate, notBefore: new Date(NOW.getTime() + 1000) }),
      ),
  ],
  [
    "EKU_NO_CLIENT_AUTH",
    async () => renewal(await makeCert({ subject: "CN=server only", issuer: chain.intermediate, eku: [SERVER_AUTH] })),
  ],
  [
    "EKU_NO_SERVER_AUTH",
    async () => renewal(chain.leaf, { policy: { purpose: "server", ca: "different" } }), // chain.leaf is a client certificate
  ],
  [
    "CA_CHANGED",
    async () => {
      const old = await makeCert({ subject: chain.leaf.cert.subject, issuer: otherChain.intermediate });
      return renewal(chain.leaf, { oldLeaf: [part(old.pem)], policy: { purpose: "client", ca: "same" } });
    },
  ],
  ["CA_NOT_COMPARED", async () => renewal(chain.leaf, { policy: { purpose: "client", ca: "same" } })],
  [
    "KEY_USAGE_MISMATCH",
    async () =>
      renewal(
        await makeCert({ subject: "CN=encipher only", issuer: chain.intermediate, keyUsage: KU.keyEncipherment }),
      ),
  ],
  [
    "WEAK_KEY",
    async () =>
      renewal(await makeCert({ subject: "CN=rsa1024", issuer: chain.intermediate, key: await newKey("rsa1024") })),
  ],
  [
    "WEAK_SIGNATURE_ALGORITHM",
    async () => renewal(await makeCert({ subject: "CN=sha1", issuer: chain.intermediate, signingHash: "SHA-1" })),
  ],
  [
    "SAME_KEY_AS_OLD",
    async () => {
      const old = await makeCert({
        subject: chain.leaf.cert.subject,
        issuer: otherChain.intermediate,
        key: chain.leaf.key,
      });
      return renewal(chain.leaf, { oldLeaf: [part(old.pem)] });
    },
  ],
  [
    "EXPIRES_SOON",
    async () =>
      renewal(
        await makeCert({
          subject: "CN=short",
          issuer: chain.intermediate,
          notAfter: new Date(NOW.getTime() + 10 * DAY),
        }),
      ),
  ],
  [
    "SAME_CA_AS_OLD",
    async () => {
      const old = await makeCert({ subject: chain.leaf.cert.subject, issuer: chain.intermediate });
      return renewal(chain.leaf, { oldLeaf: [part(old.pem)], oldRoot: [part(chain.root.pem)] });
    },
  ],
  ["SUBJECT_CHANGED", async () => renewal(chain.leaf, { oldLeaf: [part(otherChain.leaf.pem)] })],
  ["EMPTY_UPLOAD", async () => renewal(chain.leaf, { newLeaf: [part("")] })],
  [
    "TOO_MANY_CERTIFICATES",
    async () => {
      const many = await Promise.all(
        Array.from({ length: 10 }, (_, i) => makeCert({ subject: `CN=extra ${i}`, ca: true, issuer: chain.root })),
      );
      return renewal(chain.leaf, { newLeaf: [part(pems(chain.leaf, ...many))] });
    },
  ],
  [
    "MALFORMED_CERTIFICATE",
    async () => renewal(chain.leaf, { newRoot: [part(toPem(new Uint8Array([...chain.root.der, 0x00])))] }),
  ],
  [
    "DUPLICATE_EXTENSION",
    async () => {
      const eku = new x509.ExtendedKeyUsageExtension(["1.3.6.1.5.5.7.3.2"]);
      return renewal(await makeCert({ subject: "CN=dup", issuer: chain.intermediate, extensions: [eku] }));
    },
  ],
  [
    "NONCONFORMING_CERTIFICATE",
    async () => renewal(await makeCert({ subject: "CN=no aki", issuer: chain.intermediate, omitAki: true })),
  ],
  [
    "UNKNOWN_CRITICAL_EXTENSION",
    async () =>
      renewal(
        await makeCert({
          subject: "CN=odd",
          issuer: chain.intermediate,
          extensions: [new x509.Extension("1.2.3.4.5", true, new Uint8Array([5, 0]))],
        }),
      ),
  ],
  [
    "UNSUPPORTED_KEY",
    async () => {
      const pem = execFileSync(
        "openssl",
        [
          "req",
          "-x509",
          "-newkey",
          "ec",
          "-pkeyopt",
          "ec_paramgen_curve:secp256k1",
          "-nodes",
          "-keyout",
          "/dev/null",
          "-subj",
          "/CN=k1 root",
          "-days",
          "400",
        ],
        { stdio: ["ignore", "pipe", "ignore"] },
      ).toString();
      return renewal(chain.leaf, { newRoot: [part(pem)] });
    },
  ],
  [
    "INTERMEDIATE_EXPIRED",
    async () => {
      const ca = await makeCert({
        subject: "CN=Expired CA",
        ca: true,
        issuer: chain.root,
        notAfter: new Date(NOW.getTime() - DAY),
      });
      const leaf = await makeCert({ subject: "CN=i", issuer: ca });
      return validateRenewal({ newLeaf: [part(pems(leaf, ca))], newRoot: [part(chain.root.pem)], at: NOW });
    },
  ],
  [
    "INTERMEDIATE_NOT_CA",
    async () => {
      const ca = await makeCert({ subject: "CN=End Entity As CA", issuer: chain.root, eku: "omit" });
      const leaf = await makeCert({ subject: "CN=j", issuer: ca });
      // Two end-entity certificates in one upload would be ambiguous: the bad "CA" comes with the root.
      return validateRenewal({ newLeaf: [part(leaf.pem)], newRoot: [part(pems(chain.root, ca))], at: NOW });
    },
  ],
  [
    "PATH_LENGTH_EXCEEDED",
    async () => {
      const sub = await makeCert({ subject: "CN=Sub CA", ca: true, issuer: chain.intermediate });
      const leaf = await makeCert({ subject: "CN=k", issuer: sub });
      return validateRenewal({
        newLeaf: [part(pems(leaf, sub, chain.intermediate))],
        newRoot: [part(chain.root.pem)],
        at: NOW,
      });
    },
  ],
];

describe("every finding code has a scenario", () => {
  it.each(scenarios)("%s", async (code, run) => {
    const result = await run();
    const found = [...errorCodes(result), ...warningCodes(result)];
    expect(found).toContain(code);
    expect(result.accepted).toBe(errorCodes(result).length === 0);
    const isWarning = (WARNING_CODES as readonly string[]).includes(code);
    if (isWarning) expect(warningCodes(result)).toContain(code);
    else expect(result.accepted).toBe(false);
    // Findings about a certificate point at its summary.
    for (const f of [...result.errors, ...result.warnings]) {
      if (f.certificate) expect(result.certificates[f.certificate.index]?.role).toBe(f.certificate.role);
      expect(f.message.length).toBeGreaterThan(10);
    }
  });

  it("covers all codes (the rest are exercised in path.test.ts)", () => {
    const coveredInPathTests = [
      "INTERMEDIATE_NOT_YET_VALID",
      "CHAIN_TOO_LONG",
      "NAME_CONSTRAINTS_VIOLATED",
      "EKU_NOT_PERMITTED",
    ];
    const covered = new Set([...scenarios.map(([code]) => code), ...coveredInPathTests]);
    expect([...ERROR_CODES, ...WARNING_CODES].filter((c) => !covered.has(c))).toEqual([]);
  });
});

describe("precise outcomes", () => {
  it("a wrong root gives NOT_SIGNED_BY_ROOT and a picture of how far the chain got", () => {
    const result = renewal(chain.leaf, { newRoot: [part(otherChain.root.pem)] });
    expect(errorCodes(result)).toEqual(["NOT_SIGNED_BY_ROOT"]);
    expect(result.chain.map((l) => l.role)).toEqual(["leaf", "intermediate"]);
    expect(result.chain[1]!.ok).toBe(false);
  });

  it("an intermediate uploaded as the root is not self-signed, and nothing else is wrong", () => {
    const result = renewal(chain.leaf, { newRoot: [part(chain.intermediate.pem)] });
    expect(errorCodes(result)).toEqual(["ROOT_NOT_SELF_SIGNED"]);
  });

  it("reports an expired leaf once, not also as a broken chain", async () => {
    const expired = await makeCert({
      subject: "CN=expired",
      issuer: chain.intermediate,
      notAfter: new Date(NOW.getTime() - 1000),
    });
    expect(errorCodes(renewal(expired))).toEqual(["LEAF_EXPIRED"]);
  });

  it("a same-CA renewal with the same key reports both", async () => {
    const old = await makeCert({ subject: chain.leaf.cert.subject, issuer: chain.intermediate, key: chain.leaf.key });
    const result = renewal(chain.leaf, { oldLeaf: [part(old.pem)] });
    expect(errorCodes(result)).toEqual(["SAME_KEY_AS_OLD"]);
    expect(warningCodes(result)).toEqual(["SAME_CA_AS_OLD"]);
  });

  it("an old-certificate upload with two client certificates is ambiguous too", () => {
    const result = renewal(chain.leaf, { oldLeaf: [part(pems(otherChain.leaf, chain.leaf))] });
    expect(errorCodes(result)).toEqual(["AMBIGUOUS_LEAF"]);
    expect(result.errors[0]!.message).toMatch(/^Old client certificate/);
  });

  it("a root certificate uploaded as the client certificate is a CA, not a client", () => {
    const result = validateRenewal({ newLeaf: [part(chain.root.pem)], newRoot: [part(chain.root.pem)], at: NOW });
    expect(errorCodes(result)).toContain("LEAF_IS_CA");
    expect(result.accepted).toBe(false);
  });

  it("no root anywhere is NOT_SIGNED_BY_ROOT with an explanation", () => {
    const result = validateRenewal({ newLeaf: [part(pems(chain.leaf, chain.intermediate))], at: NOW });
    expect(errorCodes(result)).toEqual(["NOT_SIGNED_BY_ROOT"]);
    expect(result.errors[0]!.message).toMatch(/No root certificate was uploaded/);
  });
});

describe("the procedure's certificate policy", () => {
  it("checks a server certificate for server authentication and names it so", async () => {
    const server = await makeCert({ subject: "CN=receiver.example", issuer: chain.intermediate, eku: [SERVER_AUTH] });
    const result = renewal(server, { policy: { purpose: "server", ca: "different" } });
    expect(result.errors).toEqual([]);
    const refused = renewal(chain.leaf, { policy: { purpose: "server", ca: "different" } });
    expect(refused.errors[0]!.message).toMatch(/^The server certificate /);
  });

  it("accepts the same CA, and only it, for a same-CA renewal", async () => {
    const sameCaOld = await makeCert({ subject: chain.leaf.cert.subject, issuer: chain.intermediate });
    const same = renewal(chain.leaf, { oldLeaf: [part(sameCaOld.pem)], policy: { purpose: "client", ca: "same" } });
    expect([errorCodes(same), warningCodes(same)]).toEqual([[], []]);
    const otherCaOld = await makeCert({ subject: chain.leaf.cert.subject, issuer: otherChain.intermediate });
    const other = renewal(chain.leaf, { oldLeaf: [part(otherCaOld.pem)], policy: { purpose: "client", ca: "same" } });
    expect(errorCodes(other)).toEqual(["CA_CHANGED"]);
    expect(other.errors[0]!.message).toContain("Start a case for a change of CA");
    // The old root alone is enough to tell.
    const byRoot = renewal(chain.leaf, {
      oldRoot: [part(otherChain.root.pem)],
      policy: { purpose: "client", ca: "same" },
    });
    expect(errorCodes(byRoot)).toEqual(["CA_CHANGED"]);
    // Without anything old, it cannot be told: the uploader is warned and must acknowledge it.
    const blind = renewal(chain.leaf, { policy: { purpose: "client", ca: "same" } });
    expect([errorCodes(blind), warningCodes(blind)]).toEqual([[], ["CA_NOT_COMPARED"]]);
  });

  it("says nothing about the CA when either is fine (a sender's certificate), but still wants a new key", async () => {
    const sameCaOld = await makeCert({ subject: chain.leaf.cert.subject, issuer: chain.intermediate });
    const policy = { purpose: "client", ca: "any" } as const;
    expect(warningCodes(renewal(chain.leaf, { oldLeaf: [part(sameCaOld.pem)], policy }))).toEqual([]);
    const sameKey = await makeCert({
      subject: chain.leaf.cert.subject,
      issuer: chain.intermediate,
      key: chain.leaf.key,
    });
    expect(errorCodes(renewal(chain.leaf, { oldLeaf: [part(sameKey.pem)], policy }))).toEqual(["SAME_KEY_AS_OLD"]);
  });

  it("keeps the change-of-CA findings as they were when no policy is given", async () => {
    const old = await makeCert({ subject: chain.leaf.cert.subject, issuer: chain.intermediate });
    const implicit = renewal(chain.leaf, { oldLeaf: [part(old.pem)], oldRoot: [part(chain.root.pem)] });
    const explicit = renewal(chain.leaf, {
      oldLeaf: [part(old.pem)],
      oldRoot: [part(chain.root.pem)],
      policy: { purpose: "client", ca: "different" },
    });
    expect(explicit).toEqual(implicit);
    expect(implicit.warnings[0]!.message).toContain("This procedure is for a change of CA");
  });
});
