import { describe, expect, it } from "vitest";
import { OidcSettingsError, providerForEmail, readOidcSettings } from "@/lib/auth/oidc/settings";
import { emailLinkAllowed, judgeProviderAssertion, signInRouteFor } from "@/lib/auth/oidc/rules";
import { classifyAuthFailure } from "@/lib/auth/oidc/failure-codes";

const acme = {
  id: "acme",
  name: "Acme",
  issuer: "https://login.acme.example/tenant/v2.0/",
  clientId: "rd",
  clientSecret: "s",
  domains: ["Acme.example", "acme-group.example"],
  mandatory: true,
};
const partner = {
  ...acme,
  id: "partner",
  name: "Partner",
  issuer: "https://id.partner.example",
  domains: ["partner.example"],
  mandatory: false,
};

function settings(value: unknown) {
  return readOidcSettings({ OIDC_PROVIDERS: JSON.stringify(value) });
}

describe("OIDC_PROVIDERS", () => {
  it("is optional: unset or empty means e-mail links only", () => {
    expect(readOidcSettings({})).toEqual([]);
    expect(readOidcSettings({ OIDC_PROVIDERS: " " })).toEqual([]);
  });

  it("reads providers, lower-cases domains, drops the issuer's trailing slash, defaults mandatory to false", () => {
    const [read] = settings([{ ...acme, mandatory: undefined }]);
    expect(read).toEqual({
      ...acme,
      issuer: "https://login.acme.example/tenant/v2.0",
      domains: ["acme.example", "acme-group.example"],
      mandatory: false,
    });
  });

  it.each([
    ["not JSON", "{", "OIDC_PROVIDERS is not valid JSON."],
    ["a bad id", JSON.stringify([{ ...acme, id: "Acme Corp" }]), "OIDC_PROVIDERS: 0.id must be"],
    ["a reserved id", JSON.stringify([{ ...acme, id: "nodemailer" }]), "OIDC_PROVIDERS: 0.id is reserved."],
    ["no domains", JSON.stringify([{ ...acme, domains: [] }]), "OIDC_PROVIDERS: 0.domains"],
    [
      "a bad domain",
      JSON.stringify([{ ...acme, domains: ["not a domain"] }]),
      "OIDC_PROVIDERS: 0.domains.0 is not a domain name.",
    ],
    ["a non-http issuer", JSON.stringify([{ ...acme, issuer: "ftp://x.example" }]), "OIDC_PROVIDERS: 0.issuer"],
    ["the same id twice", JSON.stringify([acme, { ...partner, id: "acme" }]), 'the id "acme" is used twice'],
    [
      "one domain claimed by two providers",
      JSON.stringify([acme, { ...partner, domains: ["acme.example"] }]),
      'the domain acme.example is claimed by "acme" and "partner"',
    ],
  ])("refuses %s with a message naming the problem", (_name, text, message) => {
    expect(() => readOidcSettings({ OIDC_PROVIDERS: text })).toThrow(OidcSettingsError);
    expect(() => readOidcSettings({ OIDC_PROVIDERS: text })).toThrow(message);
  });
});

describe("which provider is authoritative for an address", () => {
  const both = settings([acme, partner]);
  it("is the one listing the address's domain, whatever its case; none for other domains or subdomains", () => {
    expect(providerForEmail(both, "Ann@ACME.example")?.id).toBe("acme");
    expect(providerForEmail(both, "bo@acme-group.example")?.id).toBe("acme");
    expect(providerForEmail(both, "cy@partner.example")?.id).toBe("partner");
    expect(providerForEmail(both, "dee@sub.acme.example")).toBeUndefined();
    expect(providerForEmail(both, "eve@acme.example.evil.test")).toBeUndefined();
  });

  it("sends company addresses to their provider, and sends e-mail links only where no provider is mandatory", () => {
    expect(signInRouteFor(both, "ann@acme.example")).toMatchObject({
      kind: "provider",
      provider: { id: "acme" },
      emailLinkAllowed: false,
    });
    expect(signInRouteFor(both, "cy@partner.example")).toMatchObject({
      kind: "provider",
      provider: { id: "partner" },
      emailLinkAllowed: true,
    });
    expect(signInRouteFor(both, "guest@elsewhere.example")).toEqual({ kind: "email-link" });
    expect(emailLinkAllowed(both, "ann@acme.example")).toBe(false);
    expect(emailLinkAllowed(both, "cy@partner.example")).toBe(true);
    expect(emailLinkAllowed(both, "guest@elsewhere.example")).toBe(true);
  });
});

describe("what a provider's assertion may sign in", () => {
  const [company] = settings([acme]);
  it("a verified address of one of its domains", () => {
    expect(judgeProviderAssertion(company!, { email: "Ann@Acme.example", email_verified: true })).toBeNull();
  });
  it.each([
    ["no address", {}, "OidcNoEmail"],
    ["an address that is not one", { email: "ann", email_verified: true }, "OidcNoEmail"],
    ["an unverified address", { email: "ann@acme.example", email_verified: false }, "OidcEmailNotVerified"],
    [
      'email_verified as the string "true"',
      { email: "ann@acme.example", email_verified: "true" },
      "OidcEmailNotVerified",
    ],
    ["email_verified missing", { email: "ann@acme.example" }, "OidcEmailNotVerified"],
    [
      "an address of another company's domain",
      { email: "cy@partner.example", email_verified: true },
      "OidcDomainNotAuthoritative",
    ],
    [
      "a look-alike domain",
      { email: "ann@acme.example.evil.test", email_verified: true },
      "OidcDomainNotAuthoritative",
    ],
  ])("refuses %s", (_name, claims, code) => {
    expect(judgeProviderAssertion(company!, claims)).toBe(code);
  });
});

describe("Auth.js failures in words", () => {
  // The messages are those the installed Auth.js (oauth4webapi) logs: tests/integration/oidc/authjs.test.ts pins them.
  it.each([
    [
      {
        type: "CallbackRouteError",
        message: "",
        cause: 'OperationProcessingError unexpected JWT "iss" (issuer) claim value',
      },
      "OidcWrongIssuer",
    ],
    [
      {
        type: "OperationProcessingError",
        message: '"response" body "issuer" property does not match the expected value',
        cause: "",
      },
      "OidcWrongIssuer",
    ],
    [
      { type: "CallbackRouteError", message: "", cause: 'unexpected JWT "aud" (audience) claim value' },
      "OidcWrongAudience",
    ],
    [
      {
        type: "CallbackRouteError",
        message: "",
        cause: 'unexpected JWT "exp" (expiration time) claim value, expiration is past current timestamp',
      },
      "OidcTokenExpired",
    ],
    [
      { type: "CallbackRouteError", message: "", cause: 'unexpected ID Token "nonce" claim value' },
      "OidcNonceMismatch",
    ],
    [
      { type: "CallbackRouteError", message: "", cause: 'unexpected "state" response parameter value' },
      "OidcStateMismatch",
    ],
    [
      { type: "InvalidCheck", message: "state value could not be parsed", cause: "state cookie was missing" },
      "OidcStateMismatch",
    ],
    [{ type: "TypeError", message: "fetch failed", cause: "" }, "OidcProviderDown"],
    [{ type: "TimeoutError", message: "The operation was aborted due to timeout", cause: "" }, "OidcProviderDown"],
    [
      {
        type: "CallbackRouteError",
        message: "",
        cause: 'ResponseBodyError "response" is not a conform Token Endpoint response (unexpected HTTP status code)',
      },
      "OidcProviderDown",
    ],
    [{ type: "MissingSecret", message: "Please define a `secret`", cause: "" }, null],
  ])("%j → %s", (failure, code) => {
    expect(classifyAuthFailure(failure)).toBe(code);
  });
});
