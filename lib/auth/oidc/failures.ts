import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { classifyAuthFailure, type AuthFailureCode } from "./failure-codes";

const current = new AsyncLocalStorage<{ code: AuthFailureCode | null }>();

/** What Auth.js wraps in its errors: the underlying failure sits in `cause.err`, or in `cause` itself. */
export function causeOf(error: Error): unknown {
  return (error.cause as { err?: unknown } | undefined)?.err ?? error.cause;
}

/** Auth.js's logger hook: remembers, for the request being handled, what its failure was. */
export function noteAuthFailure(error: Error): void {
  const request = current.getStore();
  if (!request || request.code) return;
  const cause = causeOf(error);
  request.code = classifyAuthFailure({
    type: (error as Error & { type?: string }).type ?? error.name,
    message: error.message,
    cause: cause instanceof Error ? `${cause.name} ${cause.message}` : "",
  });
}

/** Auth.js's generic "Configuration" error page, made precise when the failure is known. */
function precise(location: string, code: AuthFailureCode | null): string {
  if (!code) return location;
  const target = new URL(location, "http://placeholder.invalid");
  if (target.pathname !== "/signin/error" || target.searchParams.get("error") !== "Configuration") return location;
  target.searchParams.set("error", code);
  return location.startsWith("/") ? `${target.pathname}${target.search}` : target.toString();
}

/** Runs an Auth.js route handler and makes its error redirect precise. */
export async function withPreciseAuthErrors(handle: () => Promise<Response>): Promise<Response> {
  const request = { code: null as AuthFailureCode | null };
  const response = await current.run(request, handle);
  const location = response.headers.get("location");
  if (!location || precise(location, request.code) === location) return response;
  const headers = new Headers(response.headers);
  headers.set("location", precise(location, request.code));
  return new Response(response.body, { status: response.status, headers });
}

/** The same for a sign-in started in a server action (`signIn(..., { redirect: false })` returns where to go). */
export async function preciseSignInTarget(start: () => Promise<string>): Promise<string> {
  const request = { code: null as AuthFailureCode | null };
  const target = await current.run(request, start);
  return precise(target, request.code);
}
