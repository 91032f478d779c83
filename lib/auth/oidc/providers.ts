import "server-only";
import { customFetch } from "next-auth";
import type { OIDCConfig } from "next-auth/providers";
import { fetchWithTimeout, oidcSettings } from "./discovery";

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
