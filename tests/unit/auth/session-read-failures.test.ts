import { describe, expect, it } from "vitest";
import type { Adapter } from "next-auth/adapters";
import { readSessionOrThrow, rememberingSessionReadFailures } from "@/lib/auth/session-read-failures";

const unreachable = new Error("Can't reach database server");
const failingAdapter = rememberingSessionReadFailures({
  getSessionAndUser: async () => {
    throw unreachable;
  },
} satisfies Adapter);

/** What Auth.js does with an adapter error while reading a session: log it and answer "nobody is signed in". */
async function authJsSessionRead(adapter: Adapter) {
  try {
    return await adapter.getSessionAndUser!("token");
  } catch {
    return null;
  }
}

describe("reading a session while the database is unreachable", () => {
  it("raises the adapter's failure instead of answering 'signed out'", async () => {
    await expect(readSessionOrThrow(() => authJsSessionRead(failingAdapter))).rejects.toBe(unreachable);
  });

  it("leaves a read that worked, and reads outside it, alone", async () => {
    const working = rememberingSessionReadFailures({ getSessionAndUser: async () => null } satisfies Adapter);
    await expect(readSessionOrThrow(() => authJsSessionRead(working))).resolves.toBeNull();
    await expect(authJsSessionRead(failingAdapter)).resolves.toBeNull();
    await expect(readSessionOrThrow(async () => "next read")).resolves.toBe("next read");
  });
});
