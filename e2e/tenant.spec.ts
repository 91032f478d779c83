import { expect, test, type Browser, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { startTrustServer, type TrustServer } from "./trust/trust-server";
import { CpiSimulator } from "../tests/support/cpi-simulator";
import { DAY, makeCert, makeCurrentChain } from "../tests/support/certificates";
import { createWorkspaceAndCase, signIn, tickAllTasks, uniqueTag, uploadNewCertificates } from "./support";

/**
 * Issue 17: an owner connects an SAP Cloud Integration tenant (a simulator of its documented API on loopback), and
 * the keystore step is checked against what the tenant holds under the case's alias.
 */
test.skip(!process.env.DATABASE_URL, "the app server for these tests runs on a PostgreSQL server (DATABASE_URL)");

let tenant: CpiSimulator;
let server: TrustServer;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  tenant = await CpiSimulator.start();
  server = await startTrustServer({ TENANT_SECRET_KEY: randomBytes(32).toString("base64"), TENANT_TIMEOUT_MS: "3000" });
});

/** A new person's signed-in page on the server under test. */
async function newOwner(browser: Browser): Promise<{ tag: string; owner: string; page: Page }> {
  const tag = uniqueTag();
  const owner = `owner-${tag}@customer.test`;
  const page = await (await browser.newContext({ baseURL: server.app.url })).newPage();
  await signIn(page, owner);
  return { tag, owner, page };
}

test.afterAll(async () => {
  await server?.stop();
  await tenant?.close();
});

test("connect a tenant, then the keystore step is refused with what the tenant holds, and verified once it holds the new certificate", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { tag, owner, page } = await newOwner(browser);
  const old = await makeCurrentChain(`Old ${tag}`);
  tenant.setEntries([{ alias: "s4_client", certificate: old.leaf.der, type: "Key Pair" }]);

  const caseUrl = await createWorkspaceAndCase(page, tag, {
    title: `Tenant ${tag}`,
    acceptsBoth: true,
    tenantAdmins: owner,
    receiverAdmins: owner,
    integrationDevelopers: owner,
    old: { leaf: old.leaf.pem, root: old.root.pem },
    tenant: "Production tenant",
    beforeCase: async () => {
      await page.goto("/overview");
      await page.getByRole("link", { name: "Integration tenants" }).click();
      // A wrong secret is explained, and nothing is stored.
      await page.getByLabel("Name").fill("Production tenant");
      await page.getByLabel("Service key").fill(JSON.stringify({ ...tenant.serviceKey(), clientsecret: "wrong" }));
      await page.getByRole("button", { name: "Test and connect" }).click();
      await expect(page.getByRole("alert").filter({ hasText: "Nothing was saved" })).toBeVisible();
      expect((await server.sql.query(`SELECT count(*)::int AS n FROM "TenantConnection"`)).rows).toEqual([{ n: 0 }]);
      await page.getByLabel("Service key").fill(JSON.stringify(tenant.serviceKey()));
      await page.getByRole("button", { name: "Test and connect" }).click();
      await expect(page.getByText("The tenant answered and is connected.")).toBeVisible();
      await expect(page.getByRole("list", { name: "Connected tenants" })).toContainText("Production tenant");
      // The secret is stored sealed, never in the clear.
      const stored = await server.sql.query(`SELECT "clientSecretSealed" AS sealed FROM "TenantConnection"`);
      expect(stored.rows[0].sealed).toMatch(/^v1:/);
      expect(stored.rows[0].sealed).not.toContain(String(tenant.serviceKey().clientsecret));
    },
  });

  // The old and the new certificate come from unrelated test CAs, which the check warns about.
  // The grid's flows can be picked from those deployed on the tenant.
  tenant.setArtifacts([
    { id: "Send_Orders", name: "Send Orders", status: "STARTED", deployedOn: new Date() },
    { id: "Send_Invoices", name: "Send Invoices", status: "STARTED", deployedOn: new Date() },
  ]);
  await page.goto(caseUrl);
  await expect(page.getByText("Production tenant (the keystore step is checked against it)")).toBeVisible();
  await page.getByText("Add runtime nodes or flows").click();
  await page.getByRole("link", { name: "Choose from the flows deployed on Production tenant" }).click();
  const deployed = page.getByRole("group", { name: "Flows deployed on Production tenant" });
  await expect(deployed.getByRole("checkbox")).toHaveCount(1); // Send Orders is part of the case already
  await deployed.getByLabel("Send Invoices").check();
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByText("Added: they join the stop and restart grids.")).toBeVisible();
  await page.goto(caseUrl);
  await expect(page.getByRole("definition").filter({ hasText: "Send Invoices" })).toContainText(
    "Send Orders, Send Invoices",
  );

  const chain = await uploadNewCertificates(page, caseUrl, { acknowledgeWarnings: true });
  await tickAllTasks(page, caseUrl, 3);
  await page.goto(caseUrl);
  const step = page.getByTestId("step-5");
  const alias = step.getByLabel("Alias under which the new key pair was imported");
  const confirm = step.getByRole("button", { name: "Confirm the import under this alias" });

  // The tenant still holds the old certificate: refused, saying what it holds.
  await alias.fill("s4_client");
  await confirm.click();
  await expect(step.getByText("still holds the old client certificate under “s4_client”").first()).toBeVisible();
  await expect(step).toHaveAttribute("data-status", "READY");

  // The tenant cannot be reached: the person may confirm without the check, and the record says so.
  tenant.setFault({ on: "api", drop: true });
  await alias.fill("s4_client");
  await confirm.click();
  await expect(step.getByText("could not be read").first()).toBeVisible();
  tenant.setFault(undefined);

  // Now the tenant holds the new key pair under the alias: verified.
  tenant.setEntries([{ alias: "s4_client", certificate: chain.leaf.der, type: "Key Pair" }]);
  await alias.fill("s4_client");
  await confirm.click();
  await expect(step).toHaveAttribute("data-status", "DONE");
  await expect(step).toContainText("Verified against tenant “Production tenant”");
});

test("when the tenant cannot be read, the keystore step can be confirmed without the check, and the record says why", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { tag, owner, page } = await newOwner(browser);
  const caseUrl = await createWorkspaceAndCase(page, tag, {
    title: `Offline ${tag}`,
    acceptsBoth: true,
    tenantAdmins: owner,
    receiverAdmins: owner,
    integrationDevelopers: owner,
    tenant: "Tenant T",
    beforeCase: async () => {
      await page.goto(`/tenants`);
      await page.getByLabel("Name").fill("Tenant T");
      await page.getByLabel("Service key").fill(JSON.stringify(tenant.serviceKey()));
      await page.getByRole("button", { name: "Test and connect" }).click();
      await expect(page.getByText("The tenant answered and is connected.")).toBeVisible();
    },
  });
  await uploadNewCertificates(page, caseUrl);
  await tickAllTasks(page, caseUrl, 3);
  await page.goto(caseUrl);
  const step = page.getByTestId("step-5");
  tenant.setFault({ on: "token", status: 401 });
  await step.getByLabel("Alias under which the new key pair was imported").fill("s4_client");
  await step.getByRole("button", { name: "Confirm the import under this alias" }).click();
  await expect(step.getByText("You may confirm without the check").first()).toBeVisible();
  await step.getByLabel("Confirm without the tenant check").check();
  await step.getByLabel("Alias under which the new key pair was imported").fill("s4_client");
  await step.getByRole("button", { name: "Confirm the import under this alias" }).click();
  await expect(step).toHaveAttribute("data-status", "DONE");
  await expect(step).toContainText("Confirmed without the tenant check: tenant “Tenant T” could not be read");
  tenant.setFault(undefined);
});

test("the tenant's certificates appear in the overview, owners are told of one near expiry, and a renewal starts from a keystore entry pre-filled", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { tag, owner, page } = await newOwner(browser);
  const inUse = await makeCurrentChain(`In use ${tag}`);
  const soon = await makeCert({
    subject: `CN=Expiring ${tag}`,
    notBefore: new Date(Date.now() - 300 * DAY),
    notAfter: new Date(Date.now() + 20 * DAY),
  });
  tenant.setEntries([
    {
      alias: `erp_${tag}`,
      certificate: inUse.leaf.der,
      chain: [inUse.leaf.der, inUse.intermediate.der, inUse.root.der],
      type: "Key Pair",
    },
    { alias: `soon_${tag}`, certificate: soon.der, type: "Key Pair" },
  ]);

  await page.goto("/inbox");
  await page.getByLabel("Workspace name").fill(`Team ${tag}`);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(/\/cases\/new$/);
  await page.goto("/tenants");
  await page.getByLabel("Name").fill("Landscape tenant");
  await page.getByLabel("Service key").fill(JSON.stringify(tenant.serviceKey()));
  await page.getByRole("button", { name: "Test and connect" }).click();
  await expect(page.getByText("The tenant answered and is connected.")).toBeVisible();
  await page.getByRole("button", { name: "Read the keystore of Landscape tenant now" }).click();
  await expect(page.getByText("2 entries read.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("table", { name: "Keystore of Landscape tenant" })).toContainText(`erp_${tag}`);

  // The owner is told once that a certificate expires within 30 days.
  await expect(async () => {
    const mails = await server.sql.query<{ subject: string }>(
      `SELECT subject FROM "OutgoingMail" WHERE "toAddress" = $1 AND subject LIKE '%expires within%'`,
      [owner],
    );
    expect(mails.rows.map((row) => row.subject)).toEqual([
      "Renewal Desk: a certificate of tenant “Landscape tenant” expires within 30 days",
    ]);
  }).toPass({ timeout: 10_000 });
  await page.getByRole("button", { name: "Read the keystore of Landscape tenant now" }).click();
  await expect(page.getByText("2 entries read.")).toBeVisible();
  const told = await server.sql.query(
    `SELECT count(*)::int AS n FROM "OutgoingMail" WHERE "toAddress" = $1 AND subject LIKE '%expires within%'`,
    [owner],
  );
  expect(told.rows).toEqual([{ n: 1 }]);

  // The overview lists the tenant's certificates with tenant and alias; a renewal starts from one, pre-filled.
  await page.goto("/overview");
  const keystore = page.getByRole("table", { name: "Certificates in the tenants' keystores" });
  await expect(keystore).toContainText(`Landscape tenant · soon_${tag}`);
  await keystore
    .getByRole("row", { name: new RegExp(`erp_${tag}`) })
    .getByRole("link", { name: "Start a renewal" })
    .click();
  await expect(page.getByRole("status").filter({ hasText: "Renewing" })).toContainText(`In use ${tag}`);
  await expect(page.getByLabel("Keystore alias")).toHaveValue(`erp_${tag}`);
  await expect(page.getByLabel("Integration tenant")).toHaveValue(/.+/);
  await page.getByLabel("Receiver system").fill("S/4HANA PRD");
  await page.getByLabel(/^Yes/).check();
  await page.getByLabel("Operating model").selectOption("CUSTOMER_MANAGED");
  await page.getByLabel("Runtime nodes").fill("node-1");
  await page.getByLabel("Integration flows").fill("Send Orders");
  await page.getByLabel("Tenant administrator(s)").fill(owner);
  await page.getByLabel("Receiver administrator(s)").fill(owner);
  await page.getByLabel("Integration developer(s)").fill(owner);
  await page.getByRole("button", { name: "Create case" }).click();
  await expect(page).toHaveURL(/\/cases\/[a-z0-9]+$/);
  // The old client certificate and its root came from the tenant, and the case names the tenant.
  const caseId = new URL(page.url()).pathname.split("/").pop()!;
  const stored = await server.sql.query<{ role: string; subject: string }>(
    `SELECT role, subject FROM "StoredCertificate" WHERE "caseId" = $1 ORDER BY role`,
    [caseId],
  );
  expect(stored.rows.map((row) => [row.role, row.subject.split(",")[0]])).toEqual([
    ["old-leaf", `CN=In use ${tag} client`],
    ["old-root", `CN=In use ${tag} Root CA`],
  ]);
  const named = await server.sql.query(
    `SELECT t.name FROM "Case" c JOIN "TenantConnection" t ON t.id = c."tenantId" WHERE c.id = $1`,
    [caseId],
  );
  expect(named.rows).toEqual([{ name: "Landscape tenant" }]);
  await page.getByRole("link", { name: "Certificates" }).click();
  await expect(page.getByRole("main")).toContainText(`CN=In use ${tag} Root CA`);
});
