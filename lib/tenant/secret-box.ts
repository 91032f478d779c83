import "server-only";
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { SecretBoxError } from "./secret-box-error";
import { tenantSecretKey } from "./tenant-secret-key";

export { SecretBoxError, type SecretBoxErrorCode } from "./secret-box-error";

/**
 * The client secret at rest: AES-256-GCM, stored as `v1:<key id>:<iv>:<ciphertext>:<tag>`
 * (base64url). The version names the format; the key id names the key, so that a rotation
 * can tell which key a value needs. Both are authenticated with the ciphertext.
 */
const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A short public name for a key (not the key): the start of a hash of it. */
export function keyId(key: Buffer): string {
  return createHash("sha256").update("renewal-desk tenant secret key id\0").update(key).digest("hex").slice(0, 8);
}

export function sealSecret(plaintext: string, key: Buffer = tenantSecretKey()): string {
  const header = `${VERSION}:${keyId(key)}`;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv).setAAD(Buffer.from(header));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [
    header,
    iv.toString("base64url"),
    ciphertext.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
  ].join(":");
}

export function openSecret(sealed: string, key: Buffer = tenantSecretKey()): string {
  const parts = sealed.split(":");
  if (parts.length !== 5 || parts[0] !== VERSION) {
    throw new SecretBoxError(
      "UNKNOWN_FORMAT",
      `The stored client secret is not in a format this version of Renewal Desk can read (it should start with "${VERSION}:"). Paste the service key again.`,
    );
  }
  const [version, storedKeyId, iv, ciphertext, tag] = parts as [string, string, string, string, string];
  if (storedKeyId !== keyId(key)) {
    throw new SecretBoxError(
      "WRONG_KEY",
      `The stored client secret was encrypted with another TENANT_SECRET_KEY (key id ${storedKeyId}; the current key's id is ${keyId(key)}). Set the key it was stored with, or paste the service key again.`,
    );
  }
  const ivBytes = Buffer.from(iv, "base64url");
  const tagBytes = Buffer.from(tag, "base64url");
  try {
    if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) throw new Error("wrong lengths");
    const decipher = createDecipheriv("aes-256-gcm", key, ivBytes)
      .setAAD(Buffer.from(`${version}:${storedKeyId}`))
      .setAuthTag(tagBytes);
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretBoxError(
      "TAMPERED",
      "The stored client secret failed its integrity check: it was altered or damaged. Paste the service key again.",
    );
  }
}
