import "server-only";
import type { ServiceKey } from "./service-key";
import { TenantError } from "./tenant-error";
import type { TokenSource } from "./token-source";
import {
  type Answer,
  type TenantRequest,
  type TransportOptions,
  badBody,
  jsonBody,
  send,
  unexpectedStatus,
} from "./transport";

/** Every read this client makes needs this role (reference §1.5). */
const READ_ROLE = "MonitoringDataRead";

export interface ApiRead {
  /** Below the service root, e.g. "/KeystoreEntries", or a whole URL the tenant gave (a next-page link). */
  path: string | URL;
  /** Query options beyond `$format`, written as the documentation does (`$top`, not `%24top`). */
  query?: Record<string, string | number>;
  what: string;
  /** What the role allows, for the FORBIDDEN message: "read the keystore". */
  task: string;
  /** The NOT_FOUND message when the tenant answers 404; without it a 404 is a BAD_RESPONSE. */
  notFound?: string;
}

export interface JsonAnswer {
  body: unknown;
  /** BAD_RESPONSE for this answer, when its body is not what was expected. */
  invalid(problem: string): TenantError;
}

export interface TenantApi {
  /** The service root, `<url>/api/v1` (reference §0). */
  root: URL;
  /** A GET answered with OData JSON. */
  json(read: ApiRead): Promise<JsonAnswer>;
  /** A `$value` download of the given media type. */
  file(read: ApiRead, mediaType: string): Promise<Uint8Array>;
}

export function createTenantApi(key: ServiceKey, tokens: TokenSource, transport: TransportOptions): TenantApi {
  const root = new URL(`${key.url}/api/v1`);
  const hint =
    'Check that "url" in the service key is the address of the tenant, from a key of an instance of plan api.';

  /** The request URL; options the URL already has (a next-page link may carry `$format`) are not repeated. */
  function urlOf(read: ApiRead, extraQuery: Record<string, string>): URL {
    const url = read.path instanceof URL ? new URL(read.path) : new URL(`${root.href}${read.path}`);
    const present = new Set(url.searchParams.keys());
    const options = Object.entries({ ...extraQuery, ...read.query })
      .filter(([name]) => !present.has(name))
      .map(([name, value]) => `${name}=${encodeURIComponent(value)}`);
    url.search = [url.search.replace(/^\?/, ""), ...options].filter(Boolean).join("&");
    return url;
  }

  /** A GET with a bearer token; a refused cached token is replaced once, as it may have been revoked. */
  async function get(
    read: ApiRead,
    url: URL,
    headers: Record<string, string>,
  ): Promise<{ answer: Answer; request: TenantRequest }> {
    for (let attempt = 1; ; attempt++) {
      const { token, fresh } = await tokens.get();
      const request: TenantRequest = {
        method: "GET",
        url,
        headers: { ...headers, Authorization: `Bearer ${token}` },
        what: read.what,
        hint,
      };
      const answer = await send(request, transport);
      if (answer.status === 401 && !fresh && attempt === 1) {
        tokens.discard(token);
        continue;
      }
      if (answer.status === 200) return { answer, request };
      throw refusal(answer, request, read);
    }
  }

  return {
    root,
    async json(read) {
      // Accept is marked required [H1]; `$format=json` is what SAP's examples use [D3]. Both are sent.
      const { answer, request } = await get(read, urlOf(read, { $format: "json" }), { Accept: "application/json" });
      return { body: jsonBody(answer, request), invalid: (problem) => badBody(answer, request, problem) };
    },
    async file(read, mediaType) {
      // The Hub spec names the media type as a request Content-Type, and whether the tenant checks
      // it (or Accept) is unconfirmed (§2.2): it is sent as both.
      const { answer } = await get(read, urlOf(read, {}), { Accept: mediaType, "Content-Type": mediaType });
      return answer.body;
    },
  };
}

function refusal(answer: Answer, request: TenantRequest, read: ApiRead): TenantError {
  if (answer.status === 401) {
    return new TenantError(
      "TOKEN_REFUSED",
      'The tenant refused the access token issued for this service key. Check that "url" and "tokenurl" come from the same service key, of an instance of plan api.',
      401,
    );
  }
  if (answer.status === 403) {
    return new TenantError(
      "FORBIDDEN",
      `The service key may not ${read.task}: its instance lacks the role ${READ_ROLE}. Add that role to the Process Integration Runtime instance (plan api) in the BTP cockpit; a role change can take up to an hour to apply.`,
      403,
    );
  }
  if (answer.status === 404 && read.notFound) return new TenantError("NOT_FOUND", read.notFound, 404);
  return unexpectedStatus(answer, request);
}
