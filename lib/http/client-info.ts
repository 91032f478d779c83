import "server-only";
import { isIPv6 } from "node:net";
import { headers } from "next/headers";
import { GATE_HEADER } from "./gate.mjs";

/** What requests that did not pass the server's gate (e.g. `next dev` without scripts/server.mjs) count as. */
export const UNVERIFIED_CLIENT = "unverified";

/**
 * The client's address as the server's gate (lib/http/gate.mjs) determined it: the socket's address, or with
 * TRUSTED_PROXIES the right-most address not belonging to a trusted proxy. Forwarding headers that did not come
 * through the gate are never believed; such requests all share one address, so limits still hold for them.
 */
export function clientAddressFrom(list: Headers): string {
  const secret = process.env.RD_GATE_SECRET;
  if (!secret || list.get(GATE_HEADER) !== secret) return UNVERIFIED_CLIENT;
  return list.get("x-forwarded-for") ?? UNVERIFIED_CLIENT;
}

/**
 * The subject a per-client limit counts: one IPv4 address, or an IPv6 /64 (one subscriber usually holds a whole
 * /64 and could otherwise rotate through it).
 */
export function limitSubjectOf(address: string): string {
  if (!isIPv6(address)) return address;
  const [head = ""] = address.split("%");
  const expanded = head.includes("::")
    ? (() => {
        const [left = "", right = ""] = head.split("::");
        const leftParts = left ? left.split(":") : [];
        const rightParts = right ? right.split(":") : [];
        return [...leftParts, ...Array(8 - leftParts.length - rightParts.length).fill("0"), ...rightParts];
      })()
    : head.split(":");
  return `${expanded
    .slice(0, 4)
    .map((part) => part.padStart(4, "0"))
    .join(":")}::/64`;
}

/** The client's address and browser, for limits and the audit trail. */
export async function clientInfo(): Promise<{ ip: string; userAgent: string }> {
  const list = await headers();
  return { ip: clientAddressFrom(list), userAgent: list.get("user-agent")?.slice(0, 300) ?? "unknown" };
}
