import { afterEach, describe, expect, it, vi } from "vitest";
import { clientAddressFrom, limitSubjectOf, UNVERIFIED_CLIENT } from "@/lib/http/client-info";
import { GATE_HEADER } from "@/lib/http/gate.mjs";

afterEach(() => vi.unstubAllEnvs());

describe("the client's address", () => {
  it("is what the gate wrote, when the request carries the gate's secret", () => {
    vi.stubEnv("RD_GATE_SECRET", "gate-secret");
    expect(clientAddressFrom(new Headers({ "x-forwarded-for": "198.51.100.4", [GATE_HEADER]: "gate-secret" }))).toBe(
      "198.51.100.4",
    );
  });
  it("is never a forwarding header that did not come through the gate", () => {
    vi.stubEnv("RD_GATE_SECRET", "gate-secret");
    expect(clientAddressFrom(new Headers({ "x-forwarded-for": "6.6.6.6" }))).toBe(UNVERIFIED_CLIENT);
    expect(clientAddressFrom(new Headers({ "x-forwarded-for": "6.6.6.6", [GATE_HEADER]: "guessed" }))).toBe(
      UNVERIFIED_CLIENT,
    );
  });
  it("is unverified for every request when the server runs without the gate", () => {
    vi.stubEnv("RD_GATE_SECRET", undefined);
    expect(clientAddressFrom(new Headers({ "x-forwarded-for": "6.6.6.6", [GATE_HEADER]: "" }))).toBe(UNVERIFIED_CLIENT);
  });
});

describe("what a per-client limit counts", () => {
  it("counts an IPv4 address on its own", () => {
    expect(limitSubjectOf("198.51.100.4")).toBe("198.51.100.4");
  });
  it("counts a whole IPv6 /64, however the address is written", () => {
    expect(limitSubjectOf("2001:db8:1:2:aaaa::1")).toBe("2001:0db8:0001:0002::/64");
    expect(limitSubjectOf("2001:db8:1:2:ffff:ffff:ffff:ffff")).toBe("2001:0db8:0001:0002::/64");
    expect(limitSubjectOf("::1")).toBe("0000:0000:0000:0000::/64");
    expect(limitSubjectOf("fe80::1%eth0")).toBe("fe80:0000:0000:0000::/64");
  });
});
