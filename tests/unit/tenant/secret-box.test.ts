import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { randomBytes } from "node:crypto";
import fs, { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SecretBoxError, keyId, openSecret, sealSecret } from "@/lib/tenant/secret-box";
import { tenantSecretKey } from "@/lib/tenant/tenant-secret-key";

const SECRET = "a1b2c3$d4e5f6=";
const key = randomBytes(32);

function failure(call: () => unknown): { code: string; message: string } {
  try {
    call();
  } catch (error) {
    if (!(error instanceof SecretBoxError)) throw error;
    return { code: error.code, message: error.message };
  }
  throw new Error("the call succeeded");
}

/** Replaces one base64url field of a sealed value. */
function withField(sealed: string, index: number, change: (bytes: Buffer) => Buffer): string {
  const parts = sealed.split(":");
  parts[index] = change(Buffer.from(parts[index]!, "base64url")).toString("base64url");
  return parts.join(":");
}

describe("secret box", () => {
  it("opens what it sealed; the stored form names format version and key, never the secret", () => {
    const sealed = sealSecret(SECRET, key);
    expect(sealed).toMatch(new RegExp(`^v1:${keyId(key)}:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{19}:[A-Za-z0-9_-]{22}$`));
    expect(sealed).not.toContain(SECRET);
    expect(openSecret(sealed, key)).toBe(SECRET);
  });

  it("uses a fresh IV each time", () => {
    const [first, second] = [sealSecret(SECRET, key), sealSecret(SECRET, key)];
    expect(first.split(":")[2]).not.toBe(second.split(":")[2]);
    expect([openSecret(first, key), openSecret(second, key)]).toEqual([SECRET, SECRET]);
  });

  it("refuses to open with another key, naming both key ids", () => {
    const other = randomBytes(32);
    expect(failure(() => openSecret(sealSecret(SECRET, key), other))).toEqual({
      code: "WRONG_KEY",
      message: `The stored client secret was encrypted with another TENANT_SECRET_KEY (key id ${keyId(key)}; the current key's id is ${keyId(other)}). Set the key it was stored with, or paste the service key again.`,
    });
  });

  it.each([
    ["ciphertext", 3],
    ["authentication tag", 4],
    ["IV", 2],
  ])("detects a changed %s", (_label, index) => {
    const tampered = withField(sealSecret(SECRET, key), index, (bytes) => {
      bytes[0] = bytes[0]! ^ 0x01;
      return bytes;
    });
    expect(failure(() => openSecret(tampered, key))).toEqual({
      code: "TAMPERED",
      message:
        "The stored client secret failed its integrity check: it was altered or damaged. Paste the service key again.",
    });
  });

  it("detects a truncated authentication tag", () => {
    expect(
      failure(() =>
        openSecret(
          withField(sealSecret(SECRET, key), 4, (bytes) => bytes.subarray(0, 12)),
          key,
        ),
      ).code,
    ).toBe("TAMPERED");
  });

  it.each([
    ["another version prefix", (sealed: string) => sealed.replace(/^v1:/, "v2:")],
    ["no prefix", (sealed: string) => sealed.slice(3)],
    ["plain text", () => SECRET],
  ])("refuses %s as an unknown format", (_label, change) => {
    expect(failure(() => openSecret(change(sealSecret(SECRET, key)), key))).toEqual({
      code: "UNKNOWN_FORMAT",
      message:
        'The stored client secret is not in a format this version of Renewal Desk can read (it should start with "v1:"). Paste the service key again.',
    });
  });
});

describe("tenant secret key", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "tenant-key-"));
    vi.stubEnv("TENANT_SECRET_KEY", "");
    vi.stubEnv("DATABASE_URL", "");
    vi.spyOn(console, "info").mockImplementation(() => undefined);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it("is TENANT_SECRET_KEY when set", () => {
    vi.stubEnv("TENANT_SECRET_KEY", key.toString("base64"));
    expect(tenantSecretKey(join(dir, "unused")).equals(key)).toBe(true);
  });

  it.each([
    ["too short", randomBytes(16).toString("base64")],
    ["too long", randomBytes(48).toString("base64")],
    ["not base64", "x".repeat(43) + "!"],
    ["hex", randomBytes(32).toString("hex")],
  ])("refuses a TENANT_SECRET_KEY that is %s, without echoing it", (_label, value) => {
    vi.stubEnv("TENANT_SECRET_KEY", value);
    expect(failure(() => tenantSecretKey(join(dir, "unused")))).toEqual({
      code: "KEY_INVALID",
      message:
        "TENANT_SECRET_KEY must be 32 random bytes in base64 (44 characters); the value set is not. Generate one with `openssl rand -base64 32`.",
    });
  });

  it("must be set when a database server is used", () => {
    vi.stubEnv("DATABASE_URL", "postgres://db.example.com/renewal");
    expect(failure(() => tenantSecretKey(join(dir, "tenant-secret-key")))).toEqual({
      code: "KEY_REQUIRED",
      message:
        "TENANT_SECRET_KEY must be set when DATABASE_URL is: every instance of the app needs the same key to read the stored client secrets. Generate one with `openssl rand -base64 32`.",
    });
  });

  it("is generated once into the data folder when embedded, readable by the owner only", () => {
    const file = join(dir, "nested", "tenant-secret-key");
    const first = tenantSecretKey(file);
    expect(first).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8")).toBe(first.toString("base64"));
    expect(tenantSecretKey(file).equals(first)).toBe(true);
    expect(openSecret(sealSecret(SECRET, first), tenantSecretKey(file))).toBe(SECRET);
  });

  it("is read from the file another process wrote", () => {
    const file = join(dir, "tenant-secret-key");
    writeFileSync(file, `${key.toString("base64")}\n`);
    expect(tenantSecretKey(file).equals(key)).toBe(true);
  });

  it("is the other process's key when that process creates the file first", () => {
    const file = join(dir, "tenant-secret-key");
    const write = fs.writeFileSync;
    vi.spyOn(fs, "writeFileSync").mockImplementationOnce(() => {
      write(file, key.toString("base64")); // the other process, between our read and our write
      throw Object.assign(new Error("EEXIST: file already exists"), { code: "EEXIST" });
    });
    expect(tenantSecretKey(file).equals(key)).toBe(true);
    expect(readFileSync(file, "utf8")).toBe(key.toString("base64"));
  });

  it("refuses a damaged key file", () => {
    const file = join(dir, "tenant-secret-key");
    writeFileSync(file, "damaged");
    expect(failure(() => tenantSecretKey(file))).toEqual({
      code: "KEY_INVALID",
      message: `The file ${file} does not hold a valid tenant secret key (32 bytes in base64). Restore it from a backup, or delete it and paste the service keys again.`,
    });
  });

  it("is what sealSecret and openSecret use by default", () => {
    vi.stubEnv("TENANT_SECRET_KEY", key.toString("base64"));
    expect(openSecret(sealSecret(SECRET), key)).toBe(SECRET);
    expect(openSecret(sealSecret(SECRET, key))).toBe(SECRET);
  });
});
