import { describe, expect, it } from "vitest";
import { canonicalOrigin, gateRequest, GATE_HEADER, parseTrustedProxies, resolveRequest } from "@/lib/http/gate.mjs";

const NONE = parseTrustedProxies(undefined);
const ORIGIN = "http://localhost:3000";

function gate(headers: Record<string, string>, options: { method?: string; peer?: string; proxies?: string } = {}) {
  return gateRequest({
    method: options.method ?? "GET",
    url: "/cases/abc?tab=mail",
    peer: options.peer ?? "203.0.113.7",
    headers,
    proxies: parseTrustedProxies(options.proxies),
    origin: ORIGIN,
    secret: "s3cret",
  });
}

describe("trusted proxies setting", () => {
  it("believes nobody when unset, empty or 0", () => {
    for (const setting of [undefined, "", " ", "0"]) expect(parseTrustedProxies(setting)).toEqual({ kind: "none" });
  });
  it("reads a hop count and a list of addresses and CIDR ranges", () => {
    expect(parseTrustedProxies("2")).toEqual({ kind: "hops", hops: 2 });
    const list = parseTrustedProxies("10.0.0.0/8, 127.0.0.1, fd00::/8");
    expect(list.kind).toBe("list");
  });
  it("refuses what is neither an address nor a range, naming it", () => {
    expect(() => parseTrustedProxies("proxy.example")).toThrow(
      '"proxy.example" is neither an address nor a CIDR range',
    );
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow("invalid prefix length");
  });
});

describe("who sent the request", () => {
  const forged = { host: "localhost:3000", "x-forwarded-for": "6.6.6.6", "x-forwarded-host": "evil.example" };

  it("without trusted proxies uses the socket's address and the Host header, whatever the client claims", () => {
    expect(resolveRequest({ peer: "203.0.113.7", headers: forged, proxies: NONE })).toEqual({
      client: "203.0.113.7",
      host: "localhost:3000",
      proto: undefined,
      viaProxy: false,
    });
  });
  it("reads an IPv4 peer written as an IPv6-mapped address as the IPv4 address", () => {
    expect(
      resolveRequest({ peer: "::ffff:192.0.2.1", headers: { host: "localhost:3000" }, proxies: NONE }).client,
    ).toBe("192.0.2.1");
  });
  it("ignores forwarding headers from a peer that is not a listed proxy", () => {
    const proxies = parseTrustedProxies("10.0.0.0/8");
    expect(resolveRequest({ peer: "203.0.113.7", headers: forged, proxies }).client).toBe("203.0.113.7");
  });
  it("behind listed proxies takes the right-most address that is not one of them", () => {
    const proxies = parseTrustedProxies("10.0.0.0/8");
    const headers = {
      host: "internal:3000",
      "x-forwarded-for": "6.6.6.6, 198.51.100.4, 10.1.1.1",
      "x-forwarded-host": "evil.example, rd.example.com",
      "x-forwarded-proto": "https",
    };
    expect(resolveRequest({ peer: "10.0.0.2", headers, proxies })).toEqual({
      client: "198.51.100.4",
      host: "rd.example.com",
      proto: "https",
      viaProxy: true,
    });
  });
  it("with a hop count takes the address that many hops left of the socket", () => {
    const headers = { host: "internal", "x-forwarded-for": "6.6.6.6, 198.51.100.4" };
    expect(resolveRequest({ peer: "10.0.0.2", headers, proxies: parseTrustedProxies("1") }).client).toBe(
      "198.51.100.4",
    );
    expect(resolveRequest({ peer: "10.0.0.2", headers, proxies: parseTrustedProxies("2") }).client).toBe("6.6.6.6");
    expect(
      resolveRequest({ peer: "10.0.0.2", headers: { host: "internal" }, proxies: parseTrustedProxies("3") }).client,
    ).toBe("10.0.0.2");
  });
  it("falls back to the socket when the proxy chain holds something that is not an address", () => {
    const headers = { host: "rd.example.com", "x-forwarded-for": "not-an-address" };
    expect(resolveRequest({ peer: "10.0.0.2", headers, proxies: parseTrustedProxies("10.0.0.0/8") }).client).toBe(
      "10.0.0.2",
    );
  });
});

describe("the gate", () => {
  it("passes a request for the canonical host on, with forwarding headers it wrote itself and its secret", () => {
    expect(
      gate({ host: "localhost:3000", "x-forwarded-for": "6.6.6.6", "x-real-ip": "6.6.6.6", forwarded: "for=6.6.6.6" }),
    ).toEqual({
      kind: "pass",
      remove: [
        "x-forwarded-for",
        "x-forwarded-host",
        "x-forwarded-proto",
        "x-forwarded-port",
        "x-real-ip",
        "forwarded",
      ],
      set: { "x-forwarded-for": "203.0.113.7", "x-forwarded-host": "localhost:3000", [GATE_HEADER]: "s3cret" },
    });
  });
  it("sends someone who opened another name of this server (127.0.0.1) to the canonical origin, path and query kept", () => {
    const decision = gate({ host: "127.0.0.1:3000" });
    expect(decision).toMatchObject({
      kind: "answer",
      status: 308,
      headers: { location: "http://localhost:3000/cases/abc?tab=mail" },
    });
  });
  it("refuses anything but reading for another host: a sign-in for evil.example never reaches the app", () => {
    expect(gate({ host: "evil.example", origin: "http://evil.example" }, { method: "POST" })).toMatchObject({
      kind: "answer",
      status: 421,
    });
  });
  it("does not redirect a request that claims to come through a proxy that is not trusted (that would loop)", () => {
    expect(gate({ host: "internal:3000", "x-forwarded-host": "localhost:3000" })).toMatchObject({
      kind: "answer",
      status: 421,
    });
  });
  it("behind a trusted proxy judges the host the proxy names", () => {
    const headers = { host: "internal:3000", "x-forwarded-host": "localhost:3000", "x-forwarded-proto": "http" };
    expect(gate(headers, { peer: "10.0.0.2", proxies: "10.0.0.0/8", method: "POST" })).toMatchObject({ kind: "pass" });
    expect(
      gate({ ...headers, "x-forwarded-host": "evil.example" }, { peer: "10.0.0.2", proxies: "10.0.0.0/8" }),
    ).toMatchObject({ kind: "answer", status: 421 });
  });
});

describe("canonical origin", () => {
  it("is APP_URL, else AUTH_URL, else localhost on PORT", () => {
    expect(canonicalOrigin({ APP_URL: "https://rd.example.com/", PORT: "8080" })).toBe("https://rd.example.com");
    expect(canonicalOrigin({ AUTH_URL: "https://rd.example.com/api/auth" })).toBe("https://rd.example.com");
    expect(canonicalOrigin({ PORT: "8080" })).toBe("http://localhost:8080");
    expect(canonicalOrigin({})).toBe("http://localhost:3000");
  });
  it("refuses two different origins", () => {
    expect(() => canonicalOrigin({ APP_URL: "https://a.example", AUTH_URL: "https://b.example" })).toThrow(
      "name different origins",
    );
  });
});
