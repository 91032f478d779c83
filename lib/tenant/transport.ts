import "server-only";
import { TenantError } from "./tenant-error";
import { odataErrorText } from "./odata";

/** Larger than any keystore listing (the keystore is capped at a few MB, §2.6) or 1000 runtime artifacts. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface TransportOptions {
  fetch: typeof fetch;
  timeoutMs: number;
}

export interface TenantRequest {
  method: "GET" | "POST";
  url: URL;
  headers: Record<string, string>;
  /** What is asked for, in words, for messages: "the keystore entry 'x'". */
  what: string;
  /** Which part of the service key to check when the answer makes no sense. */
  hint: string;
}

export interface Answer {
  status: number;
  body: Uint8Array;
  text(): string;
}

/**
 * One HTTP exchange, the body included, within the timeout. Connection failures become
 * UNREACHABLE or TIMEOUT; the status is left to the caller.
 */
export async function send(request: TenantRequest, options: TransportOptions): Promise<Answer> {
  try {
    const response = await options.fetch(request.url, {
      method: request.method,
      headers: request.headers,
      redirect: "manual", // a redirect would carry the credentials elsewhere; the API does not use them
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const body = await readBounded(response);
    if (!body)
      throw new TenantError(
        "BAD_RESPONSE",
        `The answer from ${request.url.host} to the request for ${request.what} is larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB.`,
        response.status,
      );
    return { status: response.status, body, text: () => Buffer.from(body).toString("utf8") };
  } catch (error) {
    throw connectionFailure(error, request, options.timeoutMs);
  }
}

async function readBounded(response: Response): Promise<Uint8Array | undefined> {
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(chunk.value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

const REASONS: [RegExp, string][] = [
  [/^(ENOTFOUND|EAI_AGAIN|EAI_NONAME)$/, "its host name could not be resolved (DNS)"],
  [/^ECONNREFUSED$/, "the connection was refused"],
  [/^(ECONNRESET|EPIPE|UND_ERR_SOCKET|UND_ERR_CLOSED)$/, "the connection was closed before an answer arrived"],
  [/^(EHOSTUNREACH|ENETUNREACH|ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT)$/, "no connection could be established"],
  [/CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY/, "its TLS certificate was not accepted"],
];

/** What fetch threw, as TIMEOUT or UNREACHABLE; anything that is no network failure is returned as it is. */
function connectionFailure(error: unknown, request: TenantRequest, timeoutMs: number): unknown {
  const host = request.url.host;
  if (error instanceof Error && error.name === "TimeoutError") {
    return new TenantError(
      "TIMEOUT",
      `${host} did not answer the request for ${request.what} within ${timeoutMs / 1000} seconds. The tenant may be overloaded; try again later.`,
    );
  }
  if (!(error instanceof TypeError)) return error;
  const code = errorCode(error) ?? "";
  const reason = REASONS.find(([pattern]) => pattern.test(code))?.[1] ?? "the connection failed";
  return new TenantError(
    "UNREACHABLE",
    `Could not reach ${host} to ask for ${request.what}: ${reason}. Check the url and tokenurl in the service key, and that this server may connect to SAP BTP.`,
  );
}

/** undici reports the system error code on the cause of its "fetch failed" TypeError. */
function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}

/** BAD_RESPONSE for a status the caller has no meaning for, with the tenant's own error text when it gave one. */
export function unexpectedStatus(answer: Answer, request: TenantRequest): TenantError {
  const detail = odataErrorText(answer.text());
  const said = detail ? ` It said: "${detail}".` : "";
  const advice =
    answer.status === 429 || answer.status === 503
      ? " The tenant is busy; try again in a few minutes."
      : answer.status >= 500
        ? " The error is on the tenant's side; try again later, and contact SAP support if it persists."
        : ` ${request.hint}`;
  return new TenantError(
    "BAD_RESPONSE",
    `${request.url.host} answered the request for ${request.what} with HTTP ${answer.status}.${said}${advice}`,
    answer.status,
  );
}

/** The body as JSON, or BAD_RESPONSE. */
export function jsonBody(answer: Answer, request: TenantRequest): unknown {
  try {
    return JSON.parse(answer.text());
  } catch {
    throw badBody(answer, request, "is not JSON");
  }
}

export function badBody(answer: Answer, request: TenantRequest, problem: string): TenantError {
  return new TenantError(
    "BAD_RESPONSE",
    `${request.url.host} answered the request for ${request.what} with HTTP ${answer.status}, but the answer ${problem}. ${request.hint}`,
    answer.status,
  );
}
