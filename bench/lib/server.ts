/**
 * The app server under test: `next start` in the build folder (through bench/lib/serve.mjs, or
 * `node scripts/start.mjs` with useStartScript), with the benchmark's environment, and what it costs: resident
 * memory and CPU time of its whole process tree, read from /proc.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

export interface ServerOptions {
  dir: string;
  port: number;
  databaseUrl: string;
  logFile: string;
  /** `node scripts/start.mjs` instead of bench/lib/serve.mjs (same `next start`, but titled "next-server"). */
  useStartScript?: boolean;
  /** NODE_OPTIONS for the server (e.g. "--max-old-space-size=256" to see what a heap limit does). */
  nodeOptions?: string;
}

const SERVE_SCRIPT = path.join(import.meta.dirname, "serve.mjs");

export class AppServer {
  private child: ChildProcess | null = null;
  private stopping = false;
  readonly baseUrl: string;

  constructor(private readonly options: ServerOptions) {
    this.baseUrl = `http://127.0.0.1:${options.port}`;
  }

  get pid(): number {
    return this.child?.pid ?? -1;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<void> {
    this.stopping = false;
    const out = fs.openSync(this.options.logFile, "a");
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(this.options.port),
      DATABASE_URL: this.options.databaseUrl,
      RD_SEED: "0",
      RD_BENCH: "1",
      // No mail delivery or reminder job inside the server: it would add its own queries and work.
      MAIL_WORKER: "external",
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      AUTH_URL: this.baseUrl,
      NEXT_TELEMETRY_DISABLED: "1",
      CHECKPOINT_DISABLE: "1",
    };
    if (this.options.nodeOptions) env.NODE_OPTIONS = this.options.nodeOptions;
    else delete env.NODE_OPTIONS;
    delete env.SMTP_URL;
    delete env.DEV_MAILBOX;
    const script = this.options.useStartScript ? "scripts/start.mjs" : SERVE_SCRIPT;
    // The same Node flags as `npm start` gives the server (heap limit), from the build's own copy of the script.
    const { serverNodeArgs } = (await import(
      pathToFileURL(path.join(this.options.dir, "scripts/server-node-args.mjs")).href
    )) as { serverNodeArgs: () => string[] };
    this.child = spawn(process.execPath, [...(this.options.useStartScript ? [] : serverNodeArgs()), script], {
      cwd: this.options.dir,
      env,
      stdio: ["ignore", out, out],
      detached: true,
    });
    fs.closeSync(out);
    const child = this.child;
    child.once("exit", (code, signal) => {
      const line = `[bench] ${new Date().toISOString()} server ${child.pid} exited: code ${code}, signal ${signal}${this.stopping ? " (stopped by the bench)" : " — UNEXPECTED"}\n`;
      fs.appendFileSync(this.options.logFile, line);
      if (!this.stopping) console.error(line.trim());
    });
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (this.child.exitCode !== null)
        throw new Error(`the server exited (${this.child.exitCode}); see ${this.options.logFile}`);
      try {
        const response = await fetch(`${this.baseUrl}/bench/floor`, { signal: AbortSignal.timeout(5000) });
        await response.arrayBuffer();
        if (response.status === 200) return;
        if (response.status === 404)
          throw new Error("/bench/floor answers 404: the build has no floor route, or RD_BENCH is not passed through");
      } catch (error) {
        if (error instanceof Error && error.message.includes("floor route")) throw error;
      }
      if (Date.now() > deadline) throw new Error(`the server did not answer within 120 s; see ${this.options.logFile}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.pid === undefined) return;
    this.stopping = true;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    // The server runs in its own process group (detached): signal exactly that group, which we started.
    process.kill(-child.pid, "SIGTERM");
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    }, 10_000);
    await exited;
    clearTimeout(timer);
    this.child = null;
  }
}

/** The pid and all its descendants. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(path.join("/proc", entry, "stat"), "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // the process ended meanwhile
    }
  }
  const out: number[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    out.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

function rssKb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** CPU seconds (user + system) a process has used. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100 Hz on Linux)
  } catch {
    return 0;
  }
}

/** Whole machine: CPU seconds busy and total since boot (all cores), from /proc/stat. */
export function machineCpu(): { busy: number; total: number } {
  const line = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!;
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((a, b) => a + b, 0) / 100;
  const idle = ((values[3] ?? 0) + (values[4] ?? 0)) / 100;
  return { busy: total - idle, total };
}

/** Samples the resident memory of a process tree every `everyMs`; keeps the peak of the sum and of the largest process. */
export class RssSampler {
  peakTreeMb = 0;
  peakLargestMb = 0;
  lastTreeMb = 0;
  /** Peak since the last resetWindow(). */
  windowPeakMb = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(public root: number) {}

  sample(): void {
    const sizes = processTree(this.root).map(rssKb);
    const tree = sizes.reduce((a, b) => a + b, 0) / 1024;
    this.lastTreeMb = tree;
    this.peakTreeMb = Math.max(this.peakTreeMb, tree);
    this.windowPeakMb = Math.max(this.windowPeakMb, tree);
    this.peakLargestMb = Math.max(this.peakLargestMb, Math.max(0, ...sizes) / 1024);
  }

  start(everyMs = 100): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.sample();
  }

  resetWindow(): void {
    this.windowPeakMb = 0;
  }
}

interface ProcessCpu {
  baseline: number;
  last: number;
  cmdline: string;
  category: string | null;
}

/**
 * CPU used per category of process over a window, by scanning /proc every `everyMs`: the app server's process
 * tree, the PostgreSQL backends (and their parallel workers) of the benchmark database, this process (autocannon),
 * and everything else ("others": other people's builds and tests on a shared machine). Processes that start during
 * the window count from zero; processes that end count up to their last sample (short-lived processes, such as
 * PostgreSQL parallel workers, may lose up to one interval: that remainder is reported as unattributed).
 */
export class CpuAccountant {
  private readonly processes = new Map<number, ProcessCpu>();
  private timer: NodeJS.Timeout | null = null;
  private machineStart = machineCpu();
  private machineEnd = machineCpu();
  private serverPids = new Set<number>();

  constructor(
    private readonly serverRoot: number,
    private readonly database: string,
  ) {}

  private categorize(pid: number, cmdline: string): string {
    if (pid === process.pid) return "runner";
    if (this.serverPids.has(pid)) return "server";
    if (cmdline.startsWith("postgres:")) {
      if (cmdline.includes(` ${this.database} `)) return "database";
      const leader = /parallel worker for PID (\d+)/.exec(cmdline);
      if (leader) {
        const of = this.processes.get(Number(leader[1]));
        if (of?.category === "database") return "database";
      }
    }
    return "others";
  }

  private scan(initial: boolean): void {
    this.serverPids = new Set(processTree(this.serverRoot));
    for (const entry of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      const pid = Number(entry);
      const cpu = cpuSeconds(pid);
      const known = this.processes.get(pid);
      if (known) {
        if (cpu >= known.last) known.last = cpu;
        continue;
      }
      let cmdline = "";
      try {
        cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ").trim();
      } catch {
        continue;
      }
      const record: ProcessCpu = { baseline: initial ? cpu : 0, last: cpu, cmdline, category: null };
      this.processes.set(pid, record);
      record.category = this.categorize(pid, cmdline);
    }
  }

  start(everyMs = 200): void {
    this.processes.clear();
    this.machineStart = machineCpu();
    this.scan(true);
    this.timer = setInterval(() => this.scan(false), everyMs);
  }

  /** Cores used per category over the window. */
  stop(): {
    seconds: number;
    server: number;
    database: number;
    runner: number;
    others: number;
    unattributed: number;
    busy: number;
  } {
    if (this.timer) clearInterval(this.timer);
    this.scan(false);
    this.machineEnd = machineCpu();
    const seconds = (this.machineEnd.total - this.machineStart.total) / os.cpus().length;
    const used: Record<string, number> = { server: 0, database: 0, runner: 0, others: 0 };
    for (const record of this.processes.values())
      used[record.category ?? "others"]! += Math.max(0, record.last - record.baseline);
    const busy = (this.machineEnd.busy - this.machineStart.busy) / seconds;
    const cores = (value: number) => Math.round((value / seconds) * 100) / 100;
    const attributed = Object.values(used).reduce((a, b) => a + b, 0) / seconds;
    return {
      seconds: Math.round(seconds * 10) / 10,
      server: cores(used.server!),
      database: cores(used.database!),
      runner: cores(used.runner!),
      others: cores(used.others!),
      unattributed: Math.max(0, Math.round((busy - attributed) * 100) / 100),
      busy: Math.round(busy * 100) / 100,
    };
  }
}
