import "server-only";
import { customFetch } from "next-auth";
import type { OIDCConfig } from "next-auth/providers";
import { createRemoteJWKSet, jwtVerify, errors as joseErrors } from "jose";
import { readOidcSettings, type OidcProviderSetting } from "./settings";

/** How long the app waits for an identity provider before telling the person it is unreachable. */
const PROVIDER_TIMEOUT_MS = Number(process.env.OIDC_TIMEOUT_MS ?? 10_000);

let settings: OidcProviderSetting[] | undefined;

/** The configured providers (OIDC_PROVIDERS), read once per process. */
export function oidcSettings(): OidcProviderSetting[] {
  settings ??= readOidcSettings(process.env);
  return settings;
}

export function oidcSetting(id: string): OidcProviderSetting | undefined {
  return oidcSettings().find((setting) => setting.id === id);
}

// oauth4webapi sets no timeout of its own: a hanging provider would hold the request forever.
function fetchWithTimeout(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  return fetch(input, { ...init, signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS) });
}

/** Auth.js providers: code flow with PKCE, state and nonce; discovery from the issuer. */
export function authJsOidcProviders(): OIDCConfig<Record<string, unknown>>[] {
  return oidcSettings().map((setting) => ({
    id: setting.id,
    name: setting.name,
    type: "oidc",
    issuer: setting.issuer,
    clientId: setting.clientId,
    clientSecret: setting.clientSecret,
    checks: ["pkce", "state", "nonce"],
    authorization: { params: { scope: "openid email profile" } },
    // Addresses are stored in lower case, as the e-mail sign-in stores them, so both find the same account.
    profile: (claims) => ({
      id: String(claims.sub),
      name: typeof claims.name === "string" ? claims.name : null,
      email: typeof claims.email === "string" ? claims.email.trim().toLowerCase() : null,
      image: null,
    }),
    // Linking by e-mail is decided by our signIn callback (lib/auth/oidc/rules.ts), never by Auth.js alone.
    allowDangerousEmailAccountLinking: true,
    [customFetch]: fetchWithTimeout,
  }));
}

interface Discovery {
  issuer: string;
  jwks_uri: string;
  end_session_endpoint?: string;
}

const discoveries = new Map<string, { document: Discovery; fetchedAt: number }>();
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

/** The provider's discovery document, kept for 10 minutes (it names the signing keys and the end-session endpoint). */
export async function discover(setting: OidcProviderSetting): Promise<Discovery> {
  const kept = discoveries.get(setting.id);
  if (kept && Date.now() - kept.fetchedAt < 600_000) return kept.document;
  const response = await fetchWithTimeout(`${setting.issuer}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`discovery answered ${response.status}`);
  const document = (await response.json()) as Discovery;
  if (document.issuer !== setting.issuer) throw new Error("discovery names another issuer");
  discoveries.set(setting.id, { document, fetchedAt: Date.now() });
  return document;
}

export type IdTokenProblem =
  "OidcBadSignature" | "OidcWrongIssuer" | "OidcWrongAudience" | "OidcTokenExpired" | "OidcProviderDown";

/**
 * Auth.js (oauth4webapi) checks issuer, audience, expiry and nonce of the ID token but not its signature, which the
 * specification allows for a token received directly from the token endpoint. We check all of it with jose
 * against the provider's published keys, so a forged or re-signed token is refused whatever the transport.
 */
export async function verifyIdToken(setting: OidcProviderSetting, idToken: string): Promise<IdTokenProblem | null> {
  let keys = keySets.get(setting.id);
  try {
    if (!keys) {
      const { jwks_uri } = await discover(setting);
      keys = createRemoteJWKSet(new URL(jwks_uri), { timeoutDuration: PROVIDER_TIMEOUT_MS });
      keySets.set(setting.id, keys);
    }
    await jwtVerify(idToken, keys, { issuer: setting.issuer, audience: setting.clientId });
    return null;
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) return "OidcTokenExpired";
    if (error instanceof joseErrors.JWTClaimValidationFailed)
      return error.claim === "iss" ? "OidcWrongIssuer" : "OidcWrongAudience";
    if (error instanceof joseErrors.JWSSignatureVerificationFailed || error instanceof joseErrors.JWKSNoMatchingKey)
      return "OidcBadSignature";
    if (error instanceof joseErrors.JOSEError && !(error instanceof joseErrors.JWKSTimeout)) return "OidcBadSignature";
    return "OidcProviderDown";
  }
}
