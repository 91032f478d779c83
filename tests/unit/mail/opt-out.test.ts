import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { listUnsubscribeHeaders, optOutPageUrl, optOutToken, readOptOutToken } from "@/lib/mail/opt-out";
import { caseSubject } from "@/lib/mail/compose";
import { personLabel } from "@/lib/people";

beforeEach(() => {
  vi.stubEnv("AUTH_SECRET", "unit-test-secret");
  vi.stubEnv("APP_URL", "https://rd.example.com");
});
afterEach(() => vi.unstubAllEnvs());

describe("the signed refusal link", () => {
  it("names the workspace and the address, and nothing can be changed in it", () => {
    const token = optOutToken("ws_1", "Bob@Partner.test");
    expect(readOptOutToken(token)).toEqual({ workspaceId: "ws_1", email: "bob@partner.test" });
    const [payload, signature] = token.split(".");
    const otherPayload = Buffer.from(JSON.stringify(["ws_1", "alice@partner.test"])).toString("base64url");
    expect(readOptOutToken(`${otherPayload}.${signature}`)).toBeNull();
    expect(readOptOutToken(`${payload}.${"A".repeat(43)}`)).toBeNull();
    expect(readOptOutToken(`${payload}`)).toBeNull();
    expect(readOptOutToken(`${token}.extra`)).toBeNull();
  });
  it("depends on the secret", () => {
    const token = optOutToken("ws_1", "bob@partner.test");
    vi.stubEnv("AUTH_SECRET", "another-secret");
    expect(readOptOutToken(token)).toBeNull();
  });
  it("points at the canonical origin, as a page and as a one-click header", () => {
    expect(optOutPageUrl("ws_1", "bob@partner.test")).toMatch(
      /^https:\/\/rd\.example\.com\/mail\/opt-out\/[\w-]+\.[\w-]+$/,
    );
    const headers = listUnsubscribeHeaders("ws_1", "bob@partner.test");
    expect(headers["List-Unsubscribe"]).toMatch(/^<https:\/\/rd\.example\.com\/api\/mail\/opt-out\/[\w-]+\.[\w-]+>$/);
    expect(headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
  });
});

describe("words chosen by users in mail", () => {
  it("come after the app's own, quoted and shortened", () => {
    expect(caseSubject("Action required: verify your account", "step 3 is yours")).toBe(
      "Renewal Desk: step 3 is yours (case “Action required: verify your account”)",
    );
    expect(caseSubject("x".repeat(100), "renewal completed")).toBe(
      `Renewal Desk: renewal completed (case “${"x".repeat(59)}…”)`,
    );
  });
  it("show a person's address always, their chosen name quoted", () => {
    expect(personLabel({ name: "IT Security", email: "mallory@evil.example" })).toBe(
      "“IT Security” <mallory@evil.example>",
    );
    expect(personLabel({ name: null, email: "ann@example.test" })).toBe("ann@example.test");
  });
});
