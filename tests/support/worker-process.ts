import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

/**
 * Starts the command of `npm run worker` as a direct child, so that stopping it stops the worker itself
 * (through npm, the signal reaches npm and the worker lives on, delivering mail for later tests).
 */
export function startWorker(env: Record<string, string>): { stop: () => Promise<void>; child: ChildProcess } {
  const command = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: { worker: string } })
    .scripts.worker;
  const [program, ...args] = command.split(/\s+/);
  if (program !== "node") throw new Error(`the worker script no longer starts with node: ${command}`);
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: "ignore" });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    child,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
