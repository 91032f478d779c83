import "server-only";
import { createCpiClient, type CpiClient } from "./cpi-client";
import { openSecret } from "./secret-box";
import type { ServiceKey } from "./service-key";

/** Every call to a tenant is bounded: a person waits for the answer. */
export const TENANT_TIMEOUT_MS = Number(process.env.TENANT_TIMEOUT_MS ?? 15_000);

/** A client for a stored connection; the secret is opened only here, in memory, for the call. */
export function clientFor(connection: {
  apiUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecretSealed: string;
}): CpiClient {
  const key: ServiceKey = {
    url: connection.apiUrl,
    tokenUrl: connection.tokenUrl,
    clientId: connection.clientId,
    clientSecret: openSecret(connection.clientSecretSealed),
  };
  return createCpiClient(key, { timeoutMs: TENANT_TIMEOUT_MS });
}
