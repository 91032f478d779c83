import "server-only";
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { usesEmbeddedDatabase } from "@/lib/db/config";
import { SecretBoxError } from "./secret-box-error";

export const DEFAULT_KEY_FILE = ".data/tenant-secret-key";
const GENERATE_HINT = "Generate one with `openssl rand -base64 32`.";

/**
 * The key that encrypts client secrets at rest: TENANT_SECRET_KEY (base64 of 32 bytes) when set.
 * Embedded (no DATABASE_URL), a key generated once into the data folder, like AUTH_SECRET
 * (lib/auth/secret.ts). With a database server every instance must share the key, so it must be set.
 */
export function tenantSecretKey(keyFile = DEFAULT_KEY_FILE): Buffer {
  const configured = process.env.TENANT_SECRET_KEY;
  if (configured)
    return decodeKey(
      configured,
      `TENANT_SECRET_KEY must be 32 random bytes in base64 (44 characters); the value set is not. ${GENERATE_HINT}`,
    );
  if (!usesEmbeddedDatabase()) {
    throw new SecretBoxError(
      "KEY_REQUIRED",
      `TENANT_SECRET_KEY must be set when DATABASE_URL is: every instance of the app needs the same key to read the stored client secrets. ${GENERATE_HINT}`,
    );
  }
  const file = path.resolve(/*turbopackIgnore: true*/ keyFile);
  const invalidFile = `The file ${file} does not hold a valid tenant secret key (32 bytes in base64). Restore it from a backup, or delete it and paste the service keys again.`;
  const stored = readIfPresent(file);
  if (stored !== undefined) return decodeKey(stored, invalidFile);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const key = randomBytes(32);
  try {
    fs.writeFileSync(file, key.toString("base64"), { flag: "wx", mode: 0o600 });
    console.info(`[tenant] TENANT_SECRET_KEY is not set; generated one in ${file}.`);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return decodeKey(fs.readFileSync(/*turbopackIgnore: true*/ file, "utf8"), invalidFile); // another process wrote it first
  }
}

function readIfPresent(file: string): string | undefined {
  try {
    return fs.readFileSync(/*turbopackIgnore: true*/ file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

function decodeKey(text: string, problem: string): Buffer {
  const compact = text.trim();
  if (!/^[A-Za-z0-9+/]{43}=$/.test(compact)) throw new SecretBoxError("KEY_INVALID", problem);
  return Buffer.from(compact, "base64");
}
