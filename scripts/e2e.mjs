// Browser tests: a fresh production build (so the tests never run against stale code), then Playwright,
// which starts `npm start`'s server itself. E2E_SKIP_BUILD=1 reuses the existing build.
import { spawnSync } from "node:child_process";
import path from "node:path";

process.env.NEXT_TELEMETRY_DISABLED ??= "1";
const run = (args) => {
  const result = spawnSync(process.execPath, args, { stdio: "inherit", env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

if (process.env.E2E_SKIP_BUILD !== "1") run([path.resolve("node_modules/next/dist/bin/next"), "build"]);
run([path.resolve("node_modules/@playwright/test/cli.js"), "test", ...process.argv.slice(2)]);
