import { spawn } from "node:child_process";
import path from "node:path";
import { freePort } from "../../tests/support/free-port";

const root = path.resolve(import.meta.dirname, "../..");

export interface AppServer {
  url: string;
  /** Everything the server printed (stdout and stderr). */
  output(): string;
  /** How the process ended, or null while it runs. */
  exit(): string | null;
  stop(): Promise<void>;
}

/**
 * The production build (scripts/server.mjs, built by scripts/e2e.mjs) on a port of its own with exactly the given
 * configuration: nothing of the test runner's database, mailbox or secret leaks in. It migrates on start.
 * `canonical: "default"` leaves APP_URL unset, as `npm start` runs by default (links then point at localhost).
 */
export async function startAppServer(
  config: Record<string, string>,
  options: { canonical?: "loopback-ip" | "default" } = {},
): Promise<AppServer> {
  // A caller that must know the address up front (an identity provider's redirect URI) passes PORT and APP_URL.
  const port = config.PORT ? Number(config.PORT) : await freePort();
  const url =
    config.APP_URL ?? (options.canonical === "default" ? `http://localhost:${port}` : `http://127.0.0.1:${port}`);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "/tmp",
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    CHECKPOINT_DISABLE: "1",
    PORT: String(port),
    ...(options.canonical === "default" ? {} : { APP_URL: url }),
    ...config,
  };
  const child = spawn(process.execPath, [path.join(root, "scripts/server.mjs"), "--title", "rd-outage-app"], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let ended: string | null = null;
  child.stdout.on("data", (chunk: Buffer) => void (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => void (output += chunk.toString()));
  const exited = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      ended = signal ? `killed by ${signal}` : `exited with ${code}`;
      resolve();
    }),
  );
  const server: AppServer = {
    url,
    output: () => output,
    exit: () => ended,
    stop: async () => {
      if (ended !== null) return;
      child.kill("SIGTERM");
      // Next.js waits for open connections on SIGTERM; a test must not hang on one.
      const forced = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(forced);
    },
  };
  for (const deadline = Date.now() + 60_000; ;) {
    if (ended !== null) throw new Error(`the app server ${ended} while starting:\n${output.slice(-3000)}`);
    const ready = await fetch(`${url}/signin`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return server;
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`the app server did not answer within 60 s:\n${output.slice(-3000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
