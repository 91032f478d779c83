import { z } from "zod";

/**
 * The company identity providers, configured by the operator in OIDC_PROVIDERS (a JSON array). Pure: read from the
 * environment given, checked once at start, so a mistake stops the server with a message instead of a broken page.
 */
export interface OidcProviderSetting {
  /** In URLs and in stored accounts: /api/auth/callback/<id>. Changing it unlinks every account of the provider. */
  id: string;
  /** "Sign in with <name>". */
  name: string;
  /** Exactly as the provider's discovery document names it. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The e-mail domains this provider is authoritative for (lower case). */
  domains: string[];
  /** When true, no e-mail sign-in link is ever sent to an address of these domains. */
  mandatory: boolean;
}

const RESERVED_IDS = new Set(["nodemailer", "email", "credentials"]);

const domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "is not a domain name");

const providerSchema = z.object({
  id: z
    .string()
    .regex(/^[a-z][a-z0-9-]{1,30}$/, "must be 2–31 lower-case letters, digits or hyphens")
    .refine((id) => !RESERVED_IDS.has(id), "is reserved"),
  name: z.string().trim().min(1).max(60),
  issuer: z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/$/, "")),
  clientId: z.string().min(1).max(500),
  clientSecret: z.string().min(1).max(2000),
  domains: z.array(domain).min(1),
  mandatory: z.boolean().default(false),
});

export class OidcSettingsError extends Error {}

export function readOidcSettings(env: Record<string, string | undefined>): OidcProviderSetting[] {
  const text = env.OIDC_PROVIDERS?.trim();
  if (!text) return [];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new OidcSettingsError("OIDC_PROVIDERS is not valid JSON.");
  }
  const parsed = z.array(providerSchema).safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new OidcSettingsError(`OIDC_PROVIDERS: ${issue.path.join(".")} ${issue.message}.`);
  }
  const settings = parsed.data;
  const ids = new Set<string>();
  const owners = new Map<string, string>();
  for (const setting of settings) {
    if (ids.has(setting.id)) throw new OidcSettingsError(`OIDC_PROVIDERS: the id "${setting.id}" is used twice.`);
    ids.add(setting.id);
    for (const name of setting.domains) {
      const owner = owners.get(name);
      // One authority per domain: otherwise either provider could sign in the other's people.
      if (owner)
        throw new OidcSettingsError(`OIDC_PROVIDERS: the domain ${name} is claimed by "${owner}" and "${setting.id}".`);
      owners.set(name, setting.id);
    }
  }
  return settings;
}

export function emailDomain(email: string): string {
  return email.trim().toLowerCase().split("@").pop() ?? "";
}

/** The provider authoritative for this address's domain, if any. */
export function providerForEmail(settings: OidcProviderSetting[], email: string): OidcProviderSetting | undefined {
  const name = emailDomain(email);
  return settings.find((setting) => setting.domains.includes(name));
}
