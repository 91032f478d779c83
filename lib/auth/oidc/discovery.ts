import "server-only";
import { readOidcSettings, type OidcProviderSetting } from "./settings";

// The configured company providers and what their discovery documents say. Free of Auth.js, so the background
// worker can use it too.

/** How long the app waits for an identity provider before telling the person it is unreachable. */
export const PROVIDER_TIMEOUT_MS = Number(process.env.OIDC_TIMEOUT_MS ?? 10_000);

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
export function fetchWithTimeout(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  return fetch(input, { ...init, signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS) });
}

interface Discovery {
  issuer: string;
  jwks_uri: string;
  token_endpoint: string;
  end_session_endpoint?: string;
}

const discoveries = new Map<string, { document: Discovery; fetchedAt: number }>();

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
