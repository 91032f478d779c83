/**
 * The production build the benchmark runs against, made in its own folder so that it neither disturbs nor is
 * disturbed by other builds in the repository (`npm test` rebuilds .next): the sources of HEAD (`git archive`,
 * default) or of the working tree (`--source worktree`: tracked and untracked, not ignored), node_modules as hard
 * links, the Prisma client generated there, then `next build`.
 */
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const REPO_ROOT = path.resolve(import.meta.dirname, "../..");

export type BuildSource = "head" | "worktree";

export interface BuildInfo {
  dir: string;
  source: BuildSource;
  commit: string;
  dirty: boolean;
  seconds: number | null;
  reused: boolean;
}

function git(args: string[]): string {
  return execFileSync("git", args, { cwd: REPO_ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
}

function run(
  command: string,
  args: string[],
  cwd: string,
  logFile: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(logFile, "a");
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", out, out] });
    child.on("error", reject);
    child.on("exit", (code) => {
      fs.closeSync(out);
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(" ")} failed (exit ${code}); see ${logFile}`));
    });
  });
}

export function defaultBuildDir(source: BuildSource): string {
  return path.join(os.tmpdir(), "renewal-desk-bench", source);
}

export async function prepareBuild(options: {
  source: BuildSource;
  dir?: string;
  reuse: boolean;
  log: (message: string) => void;
}): Promise<BuildInfo> {
  const dir = options.dir ?? defaultBuildDir(options.source);
  const commit = git(["rev-parse", "HEAD"]).trim();
  const dirty = git(["status", "--porcelain", "--untracked-files=no"]).trim().length > 0;
  if (options.reuse && fs.existsSync(path.join(dir, ".next", "BUILD_ID"))) {
    const info = JSON.parse(fs.readFileSync(path.join(dir, "bench-build.json"), "utf8")) as BuildInfo;
    options.log(`reusing the build in ${dir} (${info.source} ${info.commit.slice(0, 10)})`);
    return { ...info, reused: true };
  }
  const started = Date.now();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const logFile = path.join(dir, "..", `build-${options.source}.log`);
  fs.writeFileSync(logFile, "");
  if (options.source === "head") {
    options.log(`exporting HEAD ${commit.slice(0, 10)} to ${dir}`);
    execFileSync("sh", ["-c", `git archive --format=tar HEAD | tar -x -C "${dir}"`], { cwd: REPO_ROOT });
  } else {
    options.log(`copying the working tree (${dirty ? "with uncommitted changes" : "clean"}) to ${dir}`);
    const files = git(["ls-files", "-co", "--exclude-standard", "-z"]).split("\0").filter(Boolean);
    for (const file of files) {
      const from = path.join(REPO_ROOT, file);
      if (!fs.existsSync(from) || fs.statSync(from).isDirectory()) continue;
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.copyFileSync(from, path.join(dir, file));
    }
  }
  execFileSync("cp", ["-al", path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules")]);
  options.log("generating the Prisma client");
  await run(process.execPath, ["scripts/prisma-generate.mjs"], dir, logFile);
  options.log(`next build (log: ${logFile})`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    CHECKPOINT_DISABLE: "1",
    NODE_ENV: "production",
  };
  delete env.DATABASE_URL;
  await run(process.execPath, [path.join(dir, "node_modules/next/dist/bin/next"), "build"], dir, logFile, env);
  const info: BuildInfo = {
    dir,
    source: options.source,
    commit,
    dirty: options.source === "worktree" && dirty,
    seconds: Math.round((Date.now() - started) / 1000),
    reused: false,
  };
  fs.writeFileSync(path.join(dir, "bench-build.json"), JSON.stringify(info, null, 2));
  options.log(`built in ${info.seconds} s`);
  return info;
}
