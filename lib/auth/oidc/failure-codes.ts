/**
 * What went wrong in an Auth.js sign-in through a company provider, from what Auth.js logs. Auth.js answers every
 * such failure with the same "Configuration" error; the person deserves to know whether the provider is down or
 * sent something the app cannot trust. Pure, so the mapping is tested against the installed Auth.js's messages
 * (tests/integration/oidc).
 */
export type AuthFailureCode =
  | "OidcWrongIssuer"
  | "OidcWrongAudience"
  | "OidcTokenExpired"
  | "OidcNonceMismatch"
  | "OidcStateMismatch"
  | "OidcProviderDown";

export function classifyAuthFailure(failure: { type: string; message: string; cause: string }): AuthFailureCode | null {
  const text = `${failure.message} ${failure.cause}`;
  if (/"iss"|"issuer"/.test(text)) return "OidcWrongIssuer";
  if (/"aud"/.test(text)) return "OidcWrongAudience";
  if (/"exp"|"iat"/.test(text)) return "OidcTokenExpired";
  if (/"nonce"/.test(text)) return "OidcNonceMismatch";
  if (/"state"|state (value|cookie)/.test(text) || failure.type === "InvalidCheck") return "OidcStateMismatch";
  if (
    failure.type === "TimeoutError" ||
    /fetch failed|ECONN|timed out|aborted|status code|unexpected HTTP|content-type|JSON/i.test(text)
  )
    return "OidcProviderDown";
  return null;
}
