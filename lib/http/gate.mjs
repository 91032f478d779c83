// @ts-check
// Decides, before Next.js sees a request, which host it was meant for and which client sent it. Runs in the HTTP
// server itself (scripts/server.mjs), where the socket's address is known; the app reads only what this sets.
// Plain JavaScript because the server starts without a compiler; types in gate.d.mts, tests in tests/unit/http.
import { BlockList, isIP } from "node:net";

/** Headers a client may send to pretend to be a proxy; dropped unless the peer is a trusted proxy. */
const FORWARDING_HEADERS = [
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "x-real-ip",
  "forwarded",
];

/** The header that proves to the app that this gate set the forwarding headers (its value is a per-process secret). */
export const GATE_HEADER = "x-renewal-desk-gate";

/** @param {string | undefined} address */
function normalizeAddress(address) {
  if (!address) return "";
  const trimmed = address.trim().replace(/^\[(.*)\]$/, "$1");
  return trimmed.startsWith("::ffff:") && isIP(trimmed.slice(7)) === 4 ? trimmed.slice(7) : trimmed;
}

/**
 * TRUSTED_PROXIES: unset or empty = no proxy is believed; a number N = the N nearest hops are proxies; otherwise a
 * comma-separated list of addresses and CIDR ranges ("127.0.0.1, 10.0.0.0/8, fd00::/8").
 * @param {string | undefined} setting
 * @returns {import("./gate.d.mts").TrustedProxies}
 */
export function parseTrustedProxies(setting) {
  const text = (setting ?? "").trim();
  if (!text) return { kind: "none" };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops === 0 ? { kind: "none" } : { kind: "hops", hops };
  }
  const list = new BlockList();
  for (const entry of text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [address = "", prefix] = entry.split("/");
    const family = isIP(normalizeAddress(address));
    if (!family) throw new Error(`TRUSTED_PROXIES: "${entry}" is neither an address nor a CIDR range`);
    const type = family === 6 ? "ipv6" : "ipv4";
    if (prefix === undefined) list.addAddress(normalizeAddress(address), type);
    else {
      const bits = Number(prefix);
      if (!Number.isInteger(bits) || bits < 0 || bits > (family === 6 ? 128 : 32))
        throw new Error(`TRUSTED_PROXIES: "${entry}" has an invalid prefix length`);
      list.addSubnet(normalizeAddress(address), bits, type);
    }
  }
  return { kind: "list", list };
}

/**
 * @param {import("./gate.d.mts").TrustedProxies} proxies
 * @param {string} address
 */
function isTrusted(proxies, address) {
  if (proxies.kind !== "list") return false;
  const family = isIP(address);
  return family !== 0 && proxies.list.check(address, family === 6 ? "ipv6" : "ipv4");
}

/** @param {string | string[] | undefined} value */
function headerList(value) {
  return (Array.isArray(value) ? value.join(",") : (value ?? ""))
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
}

/**
 * Who sent the request and for which host, believing forwarded headers only from trusted proxies.
 * With a list: the right-most address of X-Forwarded-For (then the socket) that is not a trusted proxy.
 * With a hop count N: the address N hops left of the socket.
 * @param {{ peer: string | undefined, headers: import("node:http").IncomingHttpHeaders, proxies: import("./gate.d.mts").TrustedProxies }} input
 * @returns {{ client: string, host: string, proto: string | undefined, viaProxy: boolean }}
 */
export function resolveRequest({ peer, headers, proxies }) {
  const socket = normalizeAddress(peer) || "unknown";
  const ownHost = (headers.host ?? "").toLowerCase();
  const behindProxy = proxies.kind === "hops" || isTrusted(proxies, socket);
  if (!behindProxy) return { client: socket, host: ownHost, proto: undefined, viaProxy: false };

  const chain = [...headerList(headers["x-forwarded-for"]).map(normalizeAddress), socket];
  let client = chain[0] ?? socket;
  if (proxies.kind === "hops") client = chain[Math.max(0, chain.length - 1 - proxies.hops)] ?? socket;
  else {
    for (let index = chain.length - 1; index >= 0; index -= 1) {
      const address = chain[index] ?? "";
      if (!isTrusted(proxies, address)) {
        client = address;
        break;
      }
    }
  }
  // The value the nearest proxy wrote is the last one: an earlier one may come from the client.
  const host = (headerList(headers["x-forwarded-host"]).at(-1) ?? ownHost).toLowerCase();
  const proto = headerList(headers["x-forwarded-proto"]).at(-1)?.toLowerCase();
  return { client: isIP(client) ? client : socket, host, proto, viaProxy: true };
}

/**
 * APP_URL, else AUTH_URL, else http://localhost:$PORT: the one origin of every link the app writes.
 * @param {Readonly<Record<string, string | undefined>>} env
 */
export function canonicalOrigin(env) {
  const configured = env.APP_URL || env.AUTH_URL;
  const url = new URL(configured || `http://localhost:${env.PORT || 3000}`);
  if (env.APP_URL && env.AUTH_URL && new URL(env.APP_URL).origin !== new URL(env.AUTH_URL).origin) {
    throw new Error(`APP_URL (${env.APP_URL}) and AUTH_URL (${env.AUTH_URL}) name different origins; set one of them`);
  }
  return url.origin;
}

/**
 * What to do with one request: pass it on with trustworthy forwarding headers, or answer it here.
 * A request for another host than the canonical one never reaches the app: reading pages is redirected to the
 * canonical origin (someone who typed 127.0.0.1 for localhost), anything else is refused.
 * @param {{ method: string | undefined, url: string | undefined, peer: string | undefined, headers: import("node:http").IncomingHttpHeaders, proxies: import("./gate.d.mts").TrustedProxies, origin: string, secret: string }} input
 * @returns {import("./gate.d.mts").GateDecision}
 */
export function gateRequest({ method, url, peer, headers, proxies, origin, secret }) {
  const resolved = resolveRequest({ peer, headers, proxies });
  const canonical = new URL(origin);
  if (resolved.host !== canonical.host) {
    const carriesForwarding = FORWARDING_HEADERS.some((name) => headers[name] !== undefined);
    if ((method === "GET" || method === "HEAD") && !carriesForwarding && !resolved.viaProxy) {
      return {
        kind: "answer",
        status: 308,
        headers: { location: `${canonical.origin}${url ?? "/"}`, "content-type": "text/plain; charset=utf-8" },
        body: `This server is ${canonical.origin}.\n`,
      };
    }
    // Refused rather than redirected: a proxy that rewrites the host without TRUSTED_PROXIES would loop forever.
    return {
      kind: "answer",
      status: 421,
      headers: { "content-type": "text/plain; charset=utf-8" },
      body: `This server answers only for ${canonical.host}. Open ${canonical.origin} instead. (Operators: behind a reverse proxy, set TRUSTED_PROXIES and let the proxy send X-Forwarded-Host.)\n`,
    };
  }
  /** @type {Record<string, string>} */
  const set = { "x-forwarded-for": resolved.client, "x-forwarded-host": resolved.host, [GATE_HEADER]: secret };
  // Without a proxy Next.js derives the scheme from the socket itself.
  if (resolved.proto) set["x-forwarded-proto"] = resolved.proto;
  return { kind: "pass", remove: FORWARDING_HEADERS, set };
}
