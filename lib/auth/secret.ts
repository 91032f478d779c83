import "server-only";
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";

/**
 * AUTH_SECRET when set. Otherwise a secret generated once and kept next to the local data,
 * so that `npm start` works on a fresh machine and sessions survive a restart.
 */
export function authSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.resolve(/*turbopackIgnore: true*/ process.env.RD_SECRET_FILE ?? ".data/auth-secret");
  try {
    return fs.readFileSync(/*turbopackIgnore: true*/ file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    try {
      fs.writeFileSync(file, secret, { flag: "wx", mode: 0o600 });
      console.info(`[auth] AUTH_SECRET is not set; generated one in ${file}.`);
      return secret;
    } catch {
      return fs.readFileSync(/*turbopackIgnore: true*/ file, "utf8").trim(); // another process wrote it first
    }
  }
}
