import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";

/**
 * PGlite does not lock its data directory, and a second process opening it can corrupt it.
 * This lock file names the process that owns the directory. A lock whose process is gone is stale and taken over.
 */
export class EmbeddedDatabaseLockedError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The embedded database in ${dataDir} is already in use by another Renewal Desk process (pid ${pid}). ` +
        `Stop that process first, or set PGLITE_DATA_DIR to another folder, or set DATABASE_URL to use a PostgreSQL server.`,
    );
    this.name = "EmbeddedDatabaseLockedError";
  }
}

interface LockContent {
  pid: number;
  token: string;
}

function lockPath(dataDir: string): string {
  return `${path.resolve(dataDir)}.lock`;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readLock(file: string): LockContent | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<LockContent>;
    return typeof parsed.pid === "number" && typeof parsed.token === "string"
      ? { pid: parsed.pid, token: parsed.token }
      : null;
  } catch {
    return null;
  }
}

/** Takes the lock for this process (once; later calls in the same process are no-ops). */
export function acquireEmbeddedLock(dataDir: string): void {
  const file = lockPath(dataDir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const token = randomBytes(16).toString("hex");
    try {
      fs.writeFileSync(file, JSON.stringify({ pid: process.pid, token }), { flag: "wx" });
      const release = () => {
        const current = readLock(file);
        if (current?.token === token) fs.rmSync(file, { force: true });
      };
      process.once("exit", release);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = readLock(file);
    if (holder && holder.pid !== process.pid && processIsAlive(holder.pid)) {
      throw new EmbeddedDatabaseLockedError(path.resolve(dataDir), holder.pid);
    }
    if (holder && holder.pid === process.pid) return;
    fs.rmSync(file, { force: true }); // stale: its process is gone
  }
  throw new Error(`Could not take the lock file ${file}`);
}
