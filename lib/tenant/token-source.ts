import "server-only";
import { z } from "zod";
import type { ServiceKey } from "./service-key";
import { TenantError } from "./tenant-error";
import { type TenantRequest, type TransportOptions, badBody, jsonBody, send, unexpectedStatus } from "./transport";

/** A token is renewed this long before it expires, so that it does not expire on the way. */
const RENEW_BEFORE_MS = 60_000;
/**
 * Only `access_token` is confirmed in the token reply (reference §5.1); without `expires_in` the
 * token is assumed to live as long as the shortest lifetime an instance can be given (§1.3).
 */
const ASSUMED_LIFETIME_S = 3600;

const tokenReply = z.object({
  // Visible ASCII only: the token goes into a header, and a header error would quote it.
  access_token: z.string().regex(/^[\x21-\x7e]+$/),
  expires_in: z.coerce.number().positive().optional(),
});

export interface TokenSource {
  /** A valid access token; `fresh` when it was just issued rather than taken from the cache. */
  get(): Promise<{ token: string; fresh: boolean }>;
  /** Forgets the token after the tenant refused it, so that the next `get` asks for a new one. */
  discard(token: string): void;
  /** The token held now, so that it can be kept out of messages. */
  current(): string | undefined;
}

/** Client-credentials tokens for one service key, cached until shortly before they expire. */
export function createTokenSource(key: ServiceKey, transport: TransportOptions): TokenSource {
  let cached: { token: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function issue(): Promise<string> {
    const issuedAt = Date.now();
    const { token, lifetimeSeconds } = await requestToken(key, transport);
    cached = { token, renewAt: issuedAt + lifetimeSeconds * 1000 - RENEW_BEFORE_MS };
    return token;
  }

  return {
    async get() {
      if (cached && Date.now() < cached.renewAt) return { token: cached.token, fresh: false };
      // Concurrent callers share one token request.
      pending ??= issue().finally(() => {
        pending = undefined;
      });
      return { token: await pending, fresh: true };
    },
    discard(token) {
      if (cached?.token === token) cached = undefined;
    },
    current: () => cached?.token,
  };
}

/**
 * `POST <tokenurl>?grant_type=client_credentials` with the client id and secret as HTTP Basic
 * (reference §1.2, as SAP's jenkins-library sends them: not form-encoded first).
 */
async function requestToken(
  key: ServiceKey,
  transport: TransportOptions,
): Promise<{ token: string; lifetimeSeconds: number }> {
  const url = new URL(key.tokenUrl);
  url.searchParams.set("grant_type", "client_credentials");
  const request: TenantRequest = {
    method: "POST",
    url,
    headers: {
      Authorization: `Basic ${Buffer.from(`${key.clientId}:${key.clientSecret}`).toString("base64")}`,
      Accept: "application/json",
    },
    what: "an access token",
    hint: 'Check "tokenurl" in the service key.',
  };
  const answer = await send(request, transport);
  if (answer.status === 401 || (answer.status === 400 && oauthError(answer.text()) === "invalid_client")) {
    throw new TenantError(
      "TOKEN_REFUSED",
      "The token server refused the client id and secret of the service key. Paste the key again from the BTP cockpit; if it was deleted or re-created there, create a new one.",
      answer.status,
    );
  }
  if (answer.status === 400 && oauthError(answer.text()) === "unauthorized_client") {
    throw new TenantError(
      "TOKEN_REFUSED",
      "The token server does not allow this client to get tokens with its id and secret. Create the service instance with grant type Client Credentials.",
      answer.status,
    );
  }
  if (answer.status !== 200) throw unexpectedStatus(answer, request);
  const reply = tokenReply.safeParse(jsonBody(answer, request));
  if (!reply.success) throw badBody(answer, request, "holds no usable access_token");
  return { token: reply.data.access_token, lifetimeSeconds: reply.data.expires_in ?? ASSUMED_LIFETIME_S };
}

function oauthError(body: string): string | undefined {
  try {
    const parsed = z.object({ error: z.string() }).safeParse(JSON.parse(body));
    return parsed.success ? parsed.data.error : undefined;
  } catch {
    return undefined;
  }
}
