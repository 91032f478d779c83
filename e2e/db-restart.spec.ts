import { expect, test, type Page } from "@playwright/test";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { PrivatePostgres, privatePostgresUnavailable } from "../tests/support/private-postgres";
import { SmtpCatcher } from "../tests/support/smtp-catcher";
import { startAppServer, type AppServer } from "./outage/app-server";
import { checkConsistency } from "./outage/consistency";
import type { OutageCase } from "./outage/fixture";
import { gridCells } from "./outage/grid";
import { confirmCells, gridFormFields, openPage, type Attempt } from "./outage/requests";

const root = path.resolve(import.meta.dirname, "..");
const unavailable = privatePostgresUnavailable();
test.skip(unavailable !== null, `database restart: ${unavailable}`);

/** Distinctive fake secrets: none of them may show up in an answer or in the server's output. */
const tag = randomBytes(6).toString("hex");
const SECRETS = {
  authSecret: `auth-secret-${tag}`,
  databasePassword: `db-password-${tag}`,
  smtpPassword: `smtp-password-${tag}`,
};

const OUTAGE_MS = 2500;
const RECOVERY_BOUND_MS = 15_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Details that must never reach a browser: stack frames, file paths, driver messages, secrets. */
function leaks(text: string): string[] {
  const found = Object.entries(SECRETS)
    .filter(([, secret]) => text.includes(secret))
    .map(([name]) => name);
  if (
    /\bat .+\(.+:\d+:\d+\)/.test(text) ||
    text.includes("node_modules") ||
    text.includes(root) ||
    text.includes("/.next/")
  )
    found.push("stack trace or file path");
  if (/prisma|ECONNREFUSED|reach database|DriverAdapterError/i.test(text)) found.push("database error details");
  return found;
}

/** Next.js's reference for a failed render, inside the page's inline data (hence the optional escaping). */
const DIGEST = /\\?"digest\\?":\\?"(\d+)/g;

/** A clean failure: an error status, a reference to quote (Next.js's digest or the action's reference), no details. */
function uncleanFailure(attempt: Attempt): string | null {
  if (attempt.status === 0) return `no answer: ${attempt.body}`;
  // A form whose action failed comes back as the page with the action's message; anything else must be an error.
  const notice = /role="alert"[^>]*>([^<]*)</.exec(attempt.body)?.[1];
  if (attempt.status < 500 && !notice) return `HTTP ${attempt.status} instead of an error`;
  if (!attempt.body.match(DIGEST) && !/Reference: [0-9a-f]{8}/.test(notice ?? ""))
    return `no reference (HTTP ${attempt.status}${notice ? `: ${notice}` : ""})`;
  const leaked = leaks(attempt.body);
  return leaked.length ? `leaks ${leaked.join(", ")}` : null;
}

function runFixture(env: Record<string, string>, count: number): Promise<OutageCase[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "e2e/outage/fixture.ts", String(count)],
      {
        cwd: root,
        env: { ...process.env, ...env },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => void (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => void (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) reject(new Error(`fixture failed (${code}): ${stderr.slice(-2000)}`));
      else resolve(JSON.parse(stdout.trim().split("\n").at(-1)!) as OutageCase[]);
    });
  });
}

/** The error page as a browser shows it during the outage: our words and the reference, which the server logged. */
async function errorPageInBrowser(page: Page, app: AppServer, item: OutageCase): Promise<void> {
  await page.context().addCookies([{ name: "authjs.session-token", value: item.sessionToken, url: app.url }]);
  const response = await page.goto(`${app.url}/cases/${item.caseId}`);
  expect(response?.status()).toBe(500);
  await expect(page.getByRole("heading", { name: "Something went wrong on our side" })).toBeVisible();
  await expect(page.getByText("stored completely or not at all")).toBeVisible();
  const reference = (await page.getByTestId("error-reference").textContent())!;
  expect(reference).toMatch(/^\d+$/);
  await expect.poll(() => app.output()).toContain(reference);
  expect(leaks(await page.content())).toEqual([]);
}

test("database restarted under load: requests fail cleanly, succeed again once it is back, nothing is half-written", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const cluster = await PrivatePostgres.create();
  const smtp = new SmtpCatcher({ user: "renewal-desk", password: SECRETS.smtpPassword });
  await smtp.start();
  // Trust authentication: the password is never checked, only carried around by the app's configuration.
  const databaseUrl = cluster.url.replace("postgres@", `postgres:${SECRETS.databasePassword}@`);
  let app: AppServer | undefined;
  try {
    app = await startAppServer({
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: SECRETS.authSecret,
      SMTP_URL: smtp.url,
      RD_SEED: "0",
      MAIL_POLL_MS: "500",
      SCHEDULE_POLL_MS: "60000",
    });
    const base = app.url;
    const cases = await runFixture(
      { DATABASE_URL: databaseUrl, SMTP_URL: smtp.url, AUTH_SECRET: SECRETS.authSecret, APP_URL: base },
      3,
    );
    const forms = await Promise.all(cases.map((item) => gridFormFields(base, item)));
    const openCells = cases.map(() => gridCells());

    // Load through both restarts: each case's developer confirms its grid cell by cell, one at a time as one person
    // works (this test is about the database going away, not about two people racing on one grid), while readers
    // open case pages and inboxes without pause.
    const attempts: Attempt[] = [];
    let loading = true;
    const developer = async (at: number) => {
      while (loading) {
        const cell = openCells[at]!.shift();
        if (cell) {
          const attempt = await confirmCells(base, cases[at]!, forms[at]!, [cell]);
          attempts.push(attempt);
          if (!attempt.succeeded) openCells[at]!.push(cell); // try it again later
        }
        await sleep(200);
      }
    };
    const reader = async (index: number) => {
      for (let round = index; loading; round += 1) {
        const item = cases[round % cases.length]!;
        attempts.push(await openPage(base, round % 2 ? "/inbox" : `/cases/${item.caseId}`, item));
        await sleep(100);
      }
    };
    const workers = Promise.all([...cases.map((_, at) => developer(at)), ...[0, 1, 2].map(reader)]);

    const outages: { stopped: number; restarting: number }[] = [];
    const recoveries: number[] = [];
    for (const mode of ["fast", "immediate"] as const) {
      await sleep(1500);
      cluster.stop(mode);
      const stopped = Date.now();
      if (outages.length === 0) await errorPageInBrowser(page, app, cases[0]!);
      await sleep(Math.max(0, stopped + OUTAGE_MS - Date.now()));
      const restarting = Date.now();
      cluster.start();
      outages.push({ stopped, restarting });
      // Recovered: a page and a confirmation both started after the restart and succeeded.
      const recovered = () =>
        ["page", "confirm"].every((kind) =>
          attempts.some((a) => a.kind === kind && a.startedAt >= restarting && a.succeeded),
        );
      await expect.poll(recovered, { timeout: RECOVERY_BOUND_MS, intervals: [100] }).toBe(true);
      recoveries.push(
        Math.max(
          ...["page", "confirm"].map(
            (kind) => attempts.find((a) => a.kind === kind && a.startedAt >= restarting && a.succeeded)!.endedAt,
          ),
        ) - restarting,
      );
    }
    loading = false;
    await workers;

    // No broken connection is kept: more concurrent requests than the pool has connections all succeed.
    const afterwards = await Promise.all(
      Array.from({ length: 24 }, (_, index) => openPage(base, "/inbox", cases[index % cases.length]!)),
    );
    expect(
      afterwards
        .filter((attempt) => !attempt.succeeded)
        .map((attempt) => `${attempt.status} ${attempt.body.slice(0, 200)}`),
    ).toEqual([]);
    // The rest of each grid in one submission: step 7 completes, the next step's mail is written.
    for (const [at, item] of cases.entries()) {
      if (openCells[at]!.length)
        expect((await confirmCells(base, item, forms[at]!, openCells[at]!)).succeeded).toBe(true);
    }

    const during = attempts.filter((a) => outages.some((o) => a.startedAt >= o.stopped && a.endedAt <= o.restarting));
    const duringProblems = during
      .map((a) => (a.succeeded ? `${a.kind} answered as if the database were there` : uncleanFailure(a)))
      .filter(Boolean);
    const otherProblems = attempts
      .filter((a) => !a.succeeded && !during.includes(a))
      .map(uncleanFailure)
      .filter(Boolean);
    const answerLeaks = attempts.flatMap((a) => leaks(a.body));
    // Every reference shown was logged by the server, so a person quoting it can be helped.
    const digests = [...new Set(attempts.flatMap((a) => [...a.body.matchAll(DIGEST)].map((match) => match[1]!)))];
    const unlogged = digests.filter((digest) => !app!.output().includes(digest));

    // Mail written by the transitions, delivered once the database and the worker are back.
    let consistency = await checkConsistency(
      databaseUrl,
      cases.map((item) => item.caseId),
      smtp.received,
      gridCells().length,
    );
    for (
      const deadline = Date.now() + 20_000;
      consistency.problems.some((p) => p.startsWith("mail")) && Date.now() < deadline;
      await sleep(500)
    ) {
      consistency = await checkConsistency(
        databaseUrl,
        cases.map((item) => item.caseId),
        smtp.received,
        gridCells().length,
      );
    }
    const outputLeaks = Object.entries(SECRETS)
      .filter(([, secret]) => app!.output().includes(secret))
      .map(([name]) => name);

    console.info(
      `db-restart: ${outages.length} restarts, ${during.length - duringProblems.length} requests during outage failed cleanly, ` +
        `${consistency.problems.length} inconsistencies, recovered in ${(Math.max(...recoveries) / 1000).toFixed(1)} s ` +
        `(${attempts.length} requests, ${consistency.mails} mails, ${consistency.resent} resent with the same Message-ID)`,
    );
    expect(app.exit()).toBeNull();
    expect(during.filter((a) => a.kind === "page").length).toBeGreaterThan(0);
    expect(during.filter((a) => a.kind === "confirm").length).toBeGreaterThan(0);
    expect(duringProblems).toEqual([]);
    expect(otherProblems).toEqual([]);
    expect(answerLeaks).toEqual([]);
    expect(digests.length).toBeGreaterThan(0);
    expect(unlogged).toEqual([]);
    expect(outputLeaks).toEqual([]);
    expect(consistency.problems).toEqual([]);
  } finally {
    await app?.stop();
    await smtp.stop();
    cluster.destroy();
  }
});
