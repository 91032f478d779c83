import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { authSecret } from "@/lib/auth/secret";
import { appBaseUrl } from "./mode";

/**
 * One-click refusal of further mail from a workspace. The link carries the workspace and the address, signed with a
 * key derived from AUTH_SECRET, so it needs no stored token and cannot be forged for another address.
 */
function signature(payload: string): Buffer {
  const key = createHmac("sha256", authSecret()).update("renewal-desk mail opt-out v1").digest();
  return createHmac("sha256", key).update(payload).digest();
}

export function optOutToken(workspaceId: string, email: string): string {
  const payload = Buffer.from(JSON.stringify([workspaceId, email.toLowerCase()])).toString("base64url");
  return `${payload}.${signature(payload).toString("base64url")}`;
}

export function readOptOutToken(token: string): { workspaceId: string; email: string } | null {
  const [payload, signed, extra] = token.split(".");
  if (!payload || !signed || extra !== undefined || token.length > 600) return null;
  const expected = signature(payload);
  const given = Buffer.from(signed, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== "string" || typeof value[1] !== "string")
      return null;
    return { workspaceId: value[0], email: value[1] };
  } catch {
    return null;
  }
}

/** The page a person opens from the mail's text. */
export function optOutPageUrl(workspaceId: string, email: string): string {
  return `${appBaseUrl()}/mail/opt-out/${optOutToken(workspaceId, email)}`;
}

/** RFC 2369 / RFC 8058 header fields: mail programs offer "unsubscribe" and POST to the URL in one click. */
export function listUnsubscribeHeaders(workspaceId: string, email: string): Record<string, string> {
  return {
    "List-Unsubscribe": `<${appBaseUrl()}/api/mail/opt-out/${optOutToken(workspaceId, email)}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  };
}
