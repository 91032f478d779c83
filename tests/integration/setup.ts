import { beforeAll } from "vitest";
import { migrateDatabase } from "@/lib/db/prepare";

process.env.AUTH_SECRET ??= "integration-tests-secret";
process.env.DEV_MAILBOX ??= "1";

beforeAll(async () => {
  await migrateDatabase(() => undefined);
});
