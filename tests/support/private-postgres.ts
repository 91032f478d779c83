import { spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./free-port";

/**
 * A PostgreSQL cluster of the test's own (Debian's server binaries, trust authentication, loopback only), so a test
 * can stop and start the server without disturbing the shared one that other tests use at the same time.
 */
const BIN = process.env.PG_BIN_DIR ?? "/usr/lib/postgresql/15/bin";

/** initdb refuses to run as root: as root the cluster belongs to the `postgres` OS user. */
function osUser(): { name: string; uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const line = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((entry) => entry.startsWith("postgres:"));
  if (!line) throw new Error("running as root, but there is no `postgres` OS user to own a private PostgreSQL cluster");
  const [, , uid, gid] = line.split(":");
  return { name: "postgres", uid: Number(uid), gid: Number(gid) };
}

/** Why a private cluster cannot be used here, or null when it can. */
export function privatePostgresUnavailable(): string | null {
  if (!process.env.DATABASE_URL)
    return "DATABASE_URL is not set: the app runs on embedded PGlite, which has no server to restart";
  for (const program of ["initdb", "pg_ctl", "postgres"]) {
    if (!existsSync(path.join(BIN, program))) return `no PostgreSQL server binaries in ${BIN} (set PG_BIN_DIR)`;
  }
  return null;
}

export class PrivatePostgres {
  private constructor(
    private readonly folder: string,
    readonly port: number,
  ) {}

  private get dataDir() {
    return path.join(this.folder, "data");
  }

  /** The superuser `postgres` on the default database; the app migrates it on start. */
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private run(program: string, args: string[]): void {
    const user = osUser();
    const command = user ? "runuser" : path.join(BIN, program);
    const fullArgs = user ? ["-u", user.name, "--", path.join(BIN, program), ...args] : args;
    const result = spawnSync(command, fullArgs, { encoding: "utf8", timeout: 60_000 });
    if (result.status !== 0)
      throw new Error(`${program} ${args.join(" ")} failed (${result.status}): ${result.stderr || result.stdout}`);
  }

  static async create(): Promise<PrivatePostgres> {
    const folder = mkdtempSync(path.join(tmpdir(), "rd-private-pg-"));
    const user = osUser();
    if (user) chownSync(folder, user.uid, user.gid);
    const cluster = new PrivatePostgres(folder, await freePort());
    // Stopping the test runner must not leave a server behind.
    process.once("exit", () => cluster.destroy());
    cluster.run("initdb", [
      "-D",
      cluster.dataDir,
      "-U",
      "postgres",
      "-A",
      "trust",
      "-E",
      "UTF8",
      "--locale=C",
      "--no-sync",
    ]);
    cluster.start();
    return cluster;
  }

  start(): void {
    // Durability against an operating-system crash is not under test: fsync off keeps the test fast.
    const options = `-p ${this.port} -k ${this.folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
    this.run("pg_ctl", [
      "start",
      "-D",
      this.dataDir,
      "-l",
      path.join(this.folder, "server.log"),
      "-w",
      "-t",
      "30",
      "-o",
      options,
    ]);
  }

  /** fast: clients are disconnected and open transactions rolled back; immediate: the server dies as in a crash. */
  stop(mode: "fast" | "immediate"): void {
    this.run("pg_ctl", ["stop", "-D", this.dataDir, "-m", mode, "-w", "-t", "30"]);
  }

  destroy(): void {
    if (!existsSync(this.folder)) return;
    if (existsSync(path.join(this.dataDir, "postmaster.pid"))) {
      try {
        this.stop("immediate");
      } catch {
        // already gone
      }
    }
    rmSync(this.folder, { recursive: true, force: true });
  }
}
