import { describe, it, expect, beforeAll } from "vitest";
import { execFileSync } from "node:child_process";
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { intake, validateRenewal } from "@/lib/certificates";
import { makeChain, part, type Chain } from "../../support/certificates";

/** Every key below is generated at test time and never written into the repository. */
let chain: Chain;
let ec: KeyObject;
let rsa: KeyObject;
let dsaPkcs8Pem: string;
const dir = mkdtempSync(join(tmpdir(), "renewal-keys-"));

function openssl(args: string[], input?: string | Buffer): Buffer {
  return execFileSync("openssl", args, { input, stdio: ["pipe", "pipe", "ignore"] });
}

beforeAll(async () => {
  chain = await makeChain();
  ec = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
  rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey;
  dsaPkcs8Pem = generateKeyPairSync("dsa", { modulusLength: 1024, divisorLength: 160 })
    .privateKey.export({ type: "pkcs8", format: "pem" })
    .toString();
});

/** Key material that must never reappear: every 16-character run of its base64 and hex. */
function secretFragments(key: string | Buffer): string[] {
  const text =
    typeof key === "string" ? key.replace(/-----[^-]+-----|\s|[A-Za-z-]+:.*\n/g, "") : key.toString("base64");
  const hex = typeof key === "string" ? Buffer.from(text, "base64").toString("hex") : key.toString("hex");
  const runs: string[] = [];
  for (let i = 0; i + 16 <= text.length; i += 8) runs.push(text.slice(i, i + 16));
  for (let i = 0; i + 16 <= hex.length; i += 8) runs.push(hex.slice(i, i + 16));
  return runs;
}

function containsBytes(value: unknown): boolean {
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) return true;
  if (value && typeof value === "object") return Object.values(value).some(containsBytes);
  return false;
}

function expectRefused(content: string | Buffer, secret: string | Buffer) {
  const result = intake([part(typeof content === "string" ? content : new Uint8Array(content), "upload.bin")]);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.errors.map((e) => e.code)).toEqual(["PRIVATE_KEY_PRESENT"]);
  expect(result.errors[0]!.message).toMatch(/upload only the certificate/i);
  expect(containsBytes(result)).toBe(false);
  const serialized = JSON.stringify(result);
  for (const fragment of secretFragments(secret)) expect(serialized).not.toContain(fragment);
}

describe("private keys are refused and never echoed", () => {
  const pemCases: [string, () => string][] = [
    ["PKCS#8 (PRIVATE KEY)", () => ec.export({ type: "pkcs8", format: "pem" }).toString()],
    ["PKCS#1 (RSA PRIVATE KEY)", () => rsa.export({ type: "pkcs1", format: "pem" }).toString()],
    ["SEC1 (EC PRIVATE KEY)", () => ec.export({ type: "sec1", format: "pem" }).toString()],
    [
      "ENCRYPTED PRIVATE KEY",
      () => ec.export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "secret" }).toString(),
    ],
    [
      "legacy encrypted RSA PRIVATE KEY",
      () => rsa.export({ type: "pkcs1", format: "pem", cipher: "aes-128-cbc", passphrase: "secret" }).toString(),
    ],
    ["DSA PRIVATE KEY", () => openssl(["pkey", "-traditional"], dsaPkcs8Pem).toString()],
    [
      "OPENSSH PRIVATE KEY",
      () => {
        execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", join(dir, "id_ed25519")]);
        return readFileSync(join(dir, "id_ed25519"), "utf8");
      },
    ],
  ];

  it.each(pemCases)("PEM %s alone", (_label, make) => {
    const key = make();
    expect(key).toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
    expectRefused(key, key);
  });

  it.each(pemCases.slice(0, 3))("PEM %s after a certificate", (_label, make) => {
    const key = make();
    expectRefused(`${chain.leaf.pem}\n${key}`, key);
  });

  it("PEM key before a certificate, and inside an openssl 'Bag Attributes' dump", () => {
    const key = ec.export({ type: "pkcs8", format: "pem" }).toString();
    expectRefused(`Bag Attributes\n    localKeyID: 01 02\n${key}${chain.leaf.pem}`, key);
  });

  const derCases: [string, () => Buffer][] = [
    ["PKCS#8", () => ec.export({ type: "pkcs8", format: "der" })],
    ["PKCS#1 RSA", () => rsa.export({ type: "pkcs1", format: "der" })],
    ["SEC1 EC", () => ec.export({ type: "sec1", format: "der" })],
    [
      "encrypted PKCS#8",
      () => ec.export({ type: "pkcs8", format: "der", cipher: "aes-256-cbc", passphrase: "secret" }),
    ],
    ["DSA (traditional)", () => openssl(["pkey", "-traditional", "-outform", "DER"], dsaPkcs8Pem)],
  ];

  it.each(derCases)("DER %s", (_label, make) => {
    const key = make();
    expectRefused(key, key);
  });

  it.each(derCases.slice(0, 3))("DER %s appended to a DER certificate", (_label, make) => {
    const key = make();
    expectRefused(Buffer.concat([chain.leaf.der, key]), key);
  });

  it("DER PKCS#8 as headerless base64 text", () => {
    const key = ec.export({ type: "pkcs8", format: "der" });
    expectRefused(key.toString("base64"), key);
  });

  it.each([
    ["modern", []],
    ["legacy (RC2/3DES)", ["-legacy"]],
  ] as const)("PKCS#12 / PFX container, %s", (_label, extra) => {
    const keyPem = ec.export({ type: "pkcs8", format: "pem" }).toString();
    writeFileSync(join(dir, "key.pem"), keyPem);
    openssl([
      "req",
      "-x509",
      "-key",
      join(dir, "key.pem"),
      "-subj",
      "/CN=pfx-test",
      "-days",
      "1",
      "-out",
      join(dir, "cert.pem"),
    ]);
    const pfx = openssl([
      "pkcs12",
      "-export",
      ...extra,
      "-inkey",
      join(dir, "key.pem"),
      "-in",
      join(dir, "cert.pem"),
      "-passout",
      "pass:secret",
    ]);
    expect(pfx[0]).toBe(0x30);
    expectRefused(pfx, pfx);
  });

  it("a renewal check with a key in the root upload reports only PRIVATE_KEY_PRESENT", () => {
    const key = rsa.export({ type: "pkcs1", format: "pem" }).toString();
    const result = validateRenewal({
      newLeaf: [part(chain.leaf.pem + chain.intermediate.pem)],
      newRoot: [part(chain.root.pem + key)],
    });
    expect(result.accepted).toBe(false);
    expect(result.errors.map((e) => e.code)).toEqual(["PRIVATE_KEY_PRESENT"]);
    expect(result.certificates).toEqual([]);
    for (const fragment of secretFragments(key)) expect(JSON.stringify(result)).not.toContain(fragment);
  });
});
