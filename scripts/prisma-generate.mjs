#!/usr/bin/env node
// postinstall: `prisma generate` without network access to engine binaries and without a DATABASE_URL.
//
// - PRISMA_SCHEMA_ENGINE_BINARY points at scripts/stub-schema-engine.mjs, so the CLI does not try to download the
//   native schema engine (which is not reachable from these machines). `generate` never runs it.
// - CHECKPOINT_DISABLE=1 turns off Prisma's update check.
// - prisma.config.ts reads DATABASE_URL from process.env and only sets a datasource when it is present.
// - Skips (exit 0) when prisma/schema.prisma or the prisma CLI is absent, e.g. `npm ci --omit=dev`.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const stub = path.join(root, "scripts", "stub-schema-engine.mjs");
const schema = process.env.PRISMA_GENERATE_SCHEMA ?? path.join(root, "prisma", "schema.prisma");
const cli = path.join(root, "node_modules", "prisma", "build", "index.js");

if (!existsSync(schema)) {
  console.log(`[prisma-generate] ${path.relative(root, schema)} not found; skipping prisma generate.`);
  process.exit(0);
}
if (!existsSync(cli)) {
  console.log("[prisma-generate] prisma CLI not installed (production install?); skipping prisma generate.");
  process.exit(0);
}
try {
  chmodSync(stub, 0o755); // git may not have kept the executable bit (e.g. on some checkouts)
} catch {
  // read-only checkout: the bit is most likely already set
}

const result = spawnSync(process.execPath, [cli, "generate", "--schema", schema, ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: stub,
    CHECKPOINT_DISABLE: "1",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    PRISMA_GENERATE_NO_HINTS: "1",
  },
});
if (result.error) {
  console.error("[prisma-generate] could not run prisma generate:", result.error);
  process.exit(1);
}
process.exit(result.status ?? 1);
