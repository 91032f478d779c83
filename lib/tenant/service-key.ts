import "server-only";
import { z } from "zod";

/**
 * The service key of a Process Integration Runtime instance of plan `api`, as pasted from the
 * BTP cockpit: `url`, `tokenurl`, `clientid`, `clientsecret`, at the top level or inside an
 * `oauth` object (the form SAP's jenkins-library reads); reference §1.
 */
export interface ServiceKey {
  /** The tenant's address; the API lives under `<url>/api/v1`. */
  url: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
}

export type ServiceKeyResult = { ok: true; key: ServiceKey } | { ok: false; errors: string[] };

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * https only: the client secret and the tokens travel to these addresses. Plain http is
 * accepted for loopback alone, where the tests run their simulator of the tenant.
 */
function isAllowedAddress(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  return url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname));
}

function text(field: string, meaning: string) {
  return z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? `"${field}" is missing: the service key must contain ${meaning}.`
          : `"${field}" must be text.`,
    })
    .trim()
    .min(1, `"${field}" is empty: the service key must contain ${meaning}.`);
}

function address(field: string, meaning: string) {
  return text(field, meaning)
    .refine(isAllowedAddress, `"${field}" must be a full https:// address (${meaning}).`)
    .transform((value) => value.replace(/\/+$/, ""));
}

const serviceKeySchema = z
  .object({
    url: address("url", "the address of the Cloud Integration tenant"),
    tokenurl: address("tokenurl", "the address of the token server"),
    clientid: text("clientid", "the client id of the service instance"),
    clientsecret: text("clientsecret", "the client secret of the service instance"),
  })
  .transform((key) => ({
    url: key.url,
    tokenUrl: key.tokenurl,
    clientId: key.clientid,
    clientSecret: key.clientsecret,
  }));

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Parses pasted text (or already-parsed JSON); never throws, never echoes the secret. */
export function parseServiceKey(input: unknown): ServiceKeyResult {
  let json = input;
  if (typeof input === "string") {
    try {
      json = JSON.parse(input);
    } catch {
      return {
        ok: false,
        errors: [
          "The service key is not valid JSON. Copy the whole key from the BTP cockpit, including the outer { }.",
        ],
      };
    }
  }
  if (!isObject(json))
    return {
      ok: false,
      errors: ["The service key must be a JSON object with url, tokenurl, clientid and clientsecret."],
    };
  const fields = isObject(json.oauth) ? json.oauth : json;
  if (fields.clientsecret === undefined && (fields.certificate !== undefined || fields.key !== undefined)) {
    return {
      ok: false,
      errors: [
        "This is a service key of type Certificate (it holds a certificate and a private key, no client secret). Create a service key of type ClientId/Secret for the instance and paste that one.",
      ],
    };
  }
  const parsed = serviceKeySchema.safeParse(fields);
  return parsed.success
    ? { ok: true, key: parsed.data }
    : { ok: false, errors: parsed.error.issues.map((issue) => issue.message) };
}
