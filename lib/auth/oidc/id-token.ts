import "server-only";
import { createRemoteJWKSet, jwtVerify, errors as joseErrors } from "jose";
import { discover, PROVIDER_TIMEOUT_MS } from "./discovery";
import type { OidcProviderSetting } from "./settings";

const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

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
