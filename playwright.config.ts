import { defineConfig, devices } from "@playwright/test";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://localhost:${port}`;

// Debian's Chromium where it exists (Playwright cannot download its own browser here); elsewhere an explicit
// path from PLAYWRIGHT_CHROMIUM_EXECUTABLE, or Playwright's own browser.
const executablePath =
  process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

// Without DATABASE_URL the server under test runs on its own embedded database in a temporary folder.
const serverEnv: Record<string, string> = {
  ...(process.env as Record<string, string>),
  PORT: String(port),
  DEV_MAILBOX: "1",
  APP_URL: baseURL,
  AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-secret-not-for-production",
  MAIL_POLL_MS: "1000",
  SCHEDULE_POLL_MS: "1000",
  // Every simulated person signs in from the same loopback address.
  SIGN_IN_MAX_PER_CLIENT: "1000",
};
if (!process.env.DATABASE_URL)
  serverEnv.PGLITE_DATA_DIR ??= path.join(mkdtempSync(path.join(tmpdir(), "rd-e2e-")), "pglite");

export default defineConfig({
  testDir: "e2e",
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    command: "node scripts/start.mjs",
    url: `${baseURL}/signin`,
    timeout: 180_000,
    reuseExistingServer: false,
    env: serverEnv,
    stdout: "pipe",
    stderr: "pipe",
  },
});
