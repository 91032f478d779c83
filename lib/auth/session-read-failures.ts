import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { Adapter } from "next-auth/adapters";

/**
 * Auth.js catches any error while it reads a session and answers "nobody is signed in". With the database down
 * that would send everyone to the sign-in page and tell server actions the session had ended. This keeps the
 * failure, so the caller can raise it and people see the error page with a reference instead.
 */
const lookups = new AsyncLocalStorage<{ failure?: unknown }>();

/** The adapter, remembering a failure of the methods Auth.js uses while reading a session. */
export function rememberingSessionReadFailures(adapter: Adapter): Adapter {
  const remembered = <Method extends (...args: never[]) => unknown>(method: Method | undefined): Method | undefined =>
    method &&
    ((async (...args: Parameters<Method>) => {
      try {
        return await method(...args);
      } catch (error) {
        const lookup = lookups.getStore();
        if (lookup) lookup.failure ??= error;
        throw error;
      }
    }) as Method);
  return {
    ...adapter,
    getSessionAndUser: remembered(adapter.getSessionAndUser),
    updateSession: remembered(adapter.updateSession),
    deleteSession: remembered(adapter.deleteSession),
  };
}

/** Runs a session read; throws what the adapter failed with, where Auth.js would have answered "signed out". */
export async function readSessionOrThrow<T>(read: () => Promise<T>): Promise<T> {
  const lookup: { failure?: unknown } = {};
  const session = await lookups.run(lookup, read);
  if (lookup.failure !== undefined) throw lookup.failure;
  return session;
}
