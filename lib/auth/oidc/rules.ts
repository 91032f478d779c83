import { emailDomain, providerForEmail, type OidcProviderSetting } from "./settings";

/**
 * The account-linking rules (SECURITY.md lists them with their tests). Pure: the callers load the facts.
 * Codes are shown by /signin/error in words.
 */
export type OidcRefusal = "OidcNoEmail" | "OidcEmailNotVerified" | "OidcDomainNotAuthoritative";

/**
 * May this provider's assertion sign someone in? Only for an address of a domain the provider is authoritative
 * for, and only when the provider says it verified the address. The same rule covers the first sign-in, linking
 * an existing account by e-mail, and every later sign-in (an address that moved to another domain is refused).
 */
export function judgeProviderAssertion(
  setting: OidcProviderSetting,
  claims: { email?: unknown; email_verified?: unknown },
): OidcRefusal | null {
  if (typeof claims.email !== "string" || !claims.email.includes("@")) return "OidcNoEmail";
  if (!setting.domains.includes(emailDomain(claims.email))) return "OidcDomainNotAuthoritative";
  if (claims.email_verified !== true) return "OidcEmailNotVerified";
  return null;
}

/** How a person with this address signs in: at their company's provider, or by e-mail link. */
export type SignInRoute =
  { kind: "provider"; provider: OidcProviderSetting; emailLinkAllowed: boolean } | { kind: "email-link" };

export function signInRouteFor(settings: OidcProviderSetting[], email: string): SignInRoute {
  const provider = providerForEmail(settings, email);
  return provider ? { kind: "provider", provider, emailLinkAllowed: !provider.mandatory } : { kind: "email-link" };
}

/** Whether an e-mail sign-in link may be sent to this address at all (checked wherever a link is sent). */
export function emailLinkAllowed(settings: OidcProviderSetting[], email: string): boolean {
  return !providerForEmail(settings, email)?.mandatory;
}
