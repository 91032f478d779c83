import "server-only";
import { hkdfSync } from "node:crypto";
import { authSecret } from "../secret";
import { openSecret, sealSecret } from "@/lib/tenant/secret-box";

/**
 * Company providers' refresh tokens at rest: AES-256-GCM (the tenant secrets' box) under a key derived from
 * AUTH_SECRET, which every instance already shares. A database copy alone cannot use them.
 */
function key(): Buffer {
  return Buffer.from(hkdfSync("sha256", authSecret(), "renewal-desk", "provider refresh tokens", 32));
}

export function sealRefreshToken(token: string): string {
  return sealSecret(token, key());
}

/** The token, or null when it cannot be opened (AUTH_SECRET changed, or the value was tampered with). */
export function openRefreshToken(sealed: string): string | null {
  try {
    return openSecret(sealed, key());
  } catch {
    return null;
  }
}
