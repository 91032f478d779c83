import { expect, type Browser, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { makeCurrentChain, pems, type Chain } from "../tests/support/certificates";

export function uniqueTag(): string {
  return randomBytes(4).toString("hex");
}

/** Signs in through the real magic-link flow: ask for a link, find it in the development mailbox, follow it. */
export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Work e-mail address").fill(email);
  await page.getByRole("button", { name: "Send me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();
  const link = await latestLinkInMailbox(page, email, "your sign-in link", /\/api\/auth\/callback\/nodemailer\?/);
  await page.goto(link);
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);
}

/** Opens the newest message to `email` whose subject contains `subject` and returns its first link matching `pattern`. */
export async function latestLinkInMailbox(
  page: Page,
  email: string,
  subject: string,
  pattern: RegExp,
): Promise<string> {
  await expect(async () => {
    await page.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
    await expect(page.getByRole("link", { name: subject }).first()).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await page.getByRole("link", { name: subject }).first().click();
  const href = await page.getByRole("link").filter({ hasText: pattern }).first().getAttribute("href");
  if (!href) throw new Error(`no link matching ${pattern} in the message "${subject}" to ${email}`);
  return href;
}

/** A separate browser context per person, as three people on three machines. */
export async function personPage(
  browser: Browser,
  email: string,
  options: { timezoneId?: string } = {},
): Promise<Page> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

/** Step 1: uploads a freshly made certificate chain (client + intermediate pasted, root as a file). */
/** Step 1 with a freshly made chain; returns it (its client certificate is what the tenant should hold later). */
export async function uploadNewCertificates(
  page: Page,
  caseUrl: string,
  options: { acknowledgeWarnings?: boolean; purpose?: "client" | "server"; chain?: Chain } = {},
): Promise<Chain> {
  const chain = options.chain ?? (await makeCurrentChain(`E2E ${uniqueTag()}`, options.purpose));
  await page.goto(caseUrl);
  const step = await submitCertificates(page, chain);
  if (options.acknowledgeWarnings) {
    await step.getByLabel("I have read the warnings and want to store these certificates.").check();
    await step.getByRole("button", { name: "Store the certificates and complete step 1" }).click();
  }
  await expect(page.getByTestId("step-1")).toHaveAttribute("data-status", "DONE");
  return chain;
}

/** Fills step 1 on the open case page (certificate and intermediate pasted, root as a file) and submits it. */
export async function submitCertificates(page: Page, chain: Chain) {
  const step = page.getByTestId("step-1");
  await step.getByLabel("or paste PEM text").first().fill(pems(chain.leaf, chain.intermediate));
  await step
    .locator('input[name="newRootFile"]')
    .setInputFiles({ name: "root.pem", mimeType: "application/x-pem-file", buffer: Buffer.from(chain.root.pem) });
  await step.getByRole("button", { name: "Check and upload" }).click();
  return step;
}

async function readyStep(page: Page, caseUrl: string, number: number) {
  await page.goto(caseUrl);
  const step = page.getByTestId(`step-${number}`);
  await expect(step).toHaveAttribute("data-status", "READY");
  return step;
}

/** The receiver tasks, ticked one by one (each click re-renders the list). */
export async function tickAllTasks(page: Page, caseUrl: string, number: number): Promise<void> {
  const step = await readyStep(page, caseUrl, number);
  const buttons = step.getByRole("button", { name: "Mark done" });
  for (let remaining = await buttons.count(); remaining > 0; remaining -= 1) {
    await buttons.first().click();
    await expect(buttons).toHaveCount(remaining - 1);
  }
}

export async function confirmAlias(page: Page, caseUrl: string, number: number, alias: string): Promise<void> {
  const step = await readyStep(page, caseUrl, number);
  await step.getByLabel("Alias under which the new key pair was imported").fill(alias);
  await step.getByRole("button", { name: "Confirm the import under this alias" }).click();
  await expect(step).toHaveAttribute("data-status", "DONE");
}

/** Every flow on every node, in one go. */
export async function confirmAllCells(page: Page, caseUrl: string, number: number): Promise<void> {
  const step = await readyStep(page, caseUrl, number);
  for (const box of await step.getByRole("checkbox").all()) await box.check();
  await step.getByRole("button", { name: "Confirm the ticked flows and nodes" }).click();
  await expect(step).toHaveAttribute("data-status", "DONE");
}

export async function recordOldRoot(
  page: Page,
  caseUrl: string,
  number: number,
  options: { oldClientCertificate?: boolean; expectDone?: boolean } = {},
): Promise<void> {
  const step = await readyStep(page, caseUrl, number);
  if (options.oldClientCertificate)
    await step.getByLabel("The old client certificate was removed from the receiver.").check();
  await step.getByLabel("removed", { exact: true }).check();
  await step.getByLabel("Why").fill("No other connection uses it");
  await step.getByRole("button", { name: "Record the decision" }).click();
  if (options.expectDone ?? true) await expect(step).toHaveAttribute("data-status", "DONE");
  else await expect(step.getByText("Recorded: old root CA removed")).toBeVisible();
}

export interface NewCase {
  title: string;
  acceptsBoth: boolean;
  tenantAdmins: string;
  receiverAdmins: string;
  integrationDevelopers: string;
  flows?: string;
  landscape?: "GENERIC_HTTPS" | "SAP_WEB_DISPATCHER_ABAP" | "CUSTOM";
  /** PEM of the certificate being replaced and of its root. */
  old?: { leaf: string; root: string };
  /** Run once the workspace exists, before the case form (e.g. to connect a tenant). */
  beforeCase?: () => Promise<void>;
  /** The connected tenant to choose on the form. */
  tenant?: string;
}

/** Creates a workspace for a person who has none, then a case; returns the case page's path. */
export async function createWorkspaceAndCase(page: Page, tag: string, input: NewCase): Promise<string> {
  await page.goto("/inbox");
  await expect(page).toHaveURL(/\/welcome$/);
  await page.getByLabel("Workspace name").fill(`Team ${tag}`);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(/\/cases\/new$/);
  if (input.beforeCase) {
    await input.beforeCase();
    await page.goto("/cases/new");
  }
  await page.getByLabel("Title").fill(input.title);
  await page.getByLabel("Receiver system").fill("S/4HANA QAS");
  await page.getByLabel(input.acceptsBoth ? /^Yes/ : /^No/).check();
  await page.getByLabel("Operating model").selectOption("CUSTOMER_MANAGED");
  await page.getByLabel("Keystore alias").fill("s4_client");
  await page.getByLabel("Runtime nodes").fill("node-1\nnode-2");
  await page.getByLabel("Integration flows").fill(input.flows ?? "Send Orders");
  if (input.landscape) await page.getByLabel("Receiver landscape").selectOption(input.landscape);
  if (input.old) {
    await page
      .getByLabel("Old client certificate")
      .setInputFiles({ name: "old.pem", mimeType: "application/x-pem-file", buffer: Buffer.from(input.old.leaf) });
    await page
      .getByLabel("Old root CA certificate")
      .setInputFiles({ name: "old-root.pem", mimeType: "application/x-pem-file", buffer: Buffer.from(input.old.root) });
  }
  if (input.tenant) await page.getByLabel("Integration tenant").selectOption({ label: input.tenant });
  await page.getByLabel("Tenant administrator(s)").fill(input.tenantAdmins);
  await page.getByLabel("Receiver administrator(s)").fill(input.receiverAdmins);
  await page.getByLabel("Integration developer(s)").fill(input.integrationDevelopers);
  await page.getByRole("button", { name: "Create case" }).click();
  await expect(page).toHaveURL(/\/cases\/[a-z0-9]+$/);
  await expect(page.getByRole("heading", { name: input.title })).toBeVisible();
  return new URL(page.url()).pathname;
}

/** A case of any procedure: what is renewed (the choice's visible label), the other system, the people by role. */
export interface ProcedureCase {
  title: string;
  /** The label of the answer to "Which certificate is being renewed…?". */
  renews: string;
  /** The label of the CA question's answer, for the tenant's own certificate. */
  ca?: "A different CA" | "The same CA";
  acceptsBoth?: boolean;
  system: { label: "Receiver system" | "Sender system"; name: string };
  /** Field label ("Sender administrator(s)") → e-mail addresses. */
  people: Record<string, string>;
  alias?: string;
  nodes?: string;
  flows?: string;
  old?: { leaf: string; root: string; label: "Old client certificate" | "Old server certificate" };
}

/** Creates a workspace for a person who has none, then a case of the chosen procedure; returns the case page's path. */
export async function createWorkspaceAndProcedureCase(page: Page, tag: string, input: ProcedureCase): Promise<string> {
  await page.goto("/inbox");
  await expect(page).toHaveURL(/\/welcome$/);
  await page.getByLabel("Workspace name").fill(`Team ${tag}`);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(/\/cases\/new$/);
  await page.getByRole("radio", { name: startingWith(input.renews) }).check();
  if (input.ca) await page.getByRole("radio", { name: startingWith(input.ca) }).check();
  if (input.acceptsBoth !== undefined) await page.getByLabel(input.acceptsBoth ? /^Yes/ : /^No/).check();
  await expect(page.getByTestId("proposed-procedure")).toContainText("Procedure:");
  await page.getByLabel("Title").fill(input.title);
  await page.getByLabel(input.system.label).fill(input.system.name);
  await page.getByLabel("Operating model").selectOption("CUSTOMER_MANAGED");
  if (input.alias) await page.getByLabel("Keystore alias").fill(input.alias);
  if (input.nodes) await page.getByLabel("Runtime nodes").fill(input.nodes);
  if (input.flows) await page.getByLabel("Integration flows").fill(input.flows);
  for (const [label, emails] of Object.entries(input.people)) await page.getByLabel(label).fill(emails);
  if (input.old) {
    await page
      .getByLabel(input.old.label)
      .setInputFiles({ name: "old.pem", mimeType: "application/x-pem-file", buffer: Buffer.from(input.old.leaf) });
    await page
      .getByLabel("Old root CA certificate")
      .setInputFiles({ name: "old-root.pem", mimeType: "application/x-pem-file", buffer: Buffer.from(input.old.root) });
  }
  await page.getByRole("button", { name: "Create case" }).click();
  await expect(page).toHaveURL(/\/cases\/[a-z0-9]+$/);
  await expect(page.getByRole("heading", { name: input.title })).toBeVisible();
  return new URL(page.url()).pathname;
}

/** A radio button's accessible name is its answer followed by the explanation. */
function startingWith(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`);
}

/** The card of the step the guide numbers `label` ("4a"). */
export function stepCard(page: Page, label: string) {
  return page
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { name: new RegExp(`^Step ${label}: `) }) });
}

/** A step without a form, marked done on the case page. */
export async function markDone(page: Page, caseUrl: string, label: string): Promise<void> {
  await page.goto(caseUrl);
  const card = stepCard(page, label);
  await card.getByLabel("I confirm that this step is done.").check();
  await card.getByRole("button", { name: `Mark step ${label} as done` }).click();
  await expect(card).toHaveAttribute("data-status", "DONE");
}

/** A step confirmed with the one-click link of its "your turn" mail, in a browser without a session. */
export async function confirmFromMail(browser: Browser, email: string, label: string): Promise<void> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const link = await latestLinkInMailbox(page, email, `step ${label} is yours`, /\/a\/[A-Za-z0-9_-]{43}$/);
  await page.goto(link);
  await expect(page.getByRole("heading", { name: `Confirm step ${label}` })).toBeVisible();
  await page.getByRole("button", { name: `Confirm that step ${label} is done` }).click();
  await expect(page.getByText(`Step ${label} is confirmed and recorded.`)).toBeVisible();
  await context.close();
}
