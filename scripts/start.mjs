// `npm start`: builds the app when no production build exists, then serves it (scripts/server.mjs).
// Without DATABASE_URL the server runs on the embedded PostgreSQL (PGlite) in .data/; this script takes the data
// folder's lock check first, so a second `npm start` on the same folder stops with a clear message before building;
// the server process itself holds the lock (lib/db/embedded-lock.ts).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { serverNodeArgs } from "./server-node-args.mjs";

process.env.NEXT_TELEMETRY_DISABLED ??= "1";
process.env.CHECKPOINT_DISABLE ??= "1";
const nextBin = path.resolve("node_modules/next/dist/bin/next");

function checkEmbeddedLock() {
  if (process.env.DATABASE_URL) return;
  const dataDir = path.resolve(process.env.PGLITE_DATA_DIR ?? ".data/pglite");
  const lockFile = `${dataDir}.lock`;
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  try {
    const holder = JSON.parse(fs.readFileSync(lockFile, "utf8"));
    process.kill(holder.pid, 0);
    console.error(
      `The embedded database in ${dataDir} is already in use by another Renewal Desk process (pid ${holder.pid}).\n` +
        "Stop that process first, or set PGLITE_DATA_DIR to another folder, or set DATABASE_URL to use a PostgreSQL server.",
    );
    process.exit(1);
  } catch {
    // no lock, or its process is gone: the server takes it over
  }
}

checkEmbeddedLock();

if (!fs.existsSync(".next/BUILD_ID")) {
  console.info("No production build found: running `next build` once (about a minute).");
  const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: process.env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = spawn(process.execPath, [...serverNodeArgs(), path.resolve("scripts/server.mjs")], {
  stdio: "inherit",
  env: process.env,
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
