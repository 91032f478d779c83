import { expect, test, type Page } from "@playwright/test";
import { messagesTo } from "./trust/mailbox";
import { startTrustServer, type TrustServer } from "./trust/trust-server";
import { startOidcProvider, type OidcTestProvider } from "../tests/support/oidc/provider";
import { freePort } from "../tests/support/free-port";
import { createWorkspaceAndCase, uniqueTag } from "./support";

/**
 * Company sign-in (issue 16) through a real, certified OpenID Provider (oidc-provider) on loopback, with the app's
 * production server configured for it: the whole redirect dance in Chromium, and each way the provider can fail.
 */
test.skip(!process.env.DATABASE_URL, "the app server for these tests runs on a PostgreSQL server (DATABASE_URL)");
test.describe.configure({ mode: "serial" });

const CLIENT_ID = "renewal-desk";
const CLIENT_SECRET = "company-sign-in-test-secret-0123456789";

let op: OidcTestProvider;
let server: TrustServer;
let base: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const port = await freePort();
  // localhost, not 127.0.0.1: Next.js rewrites loopback addresses to "localhost" in the URLs Auth.js sees, so an
  // APP_URL on 127.0.0.1 would give the provider two different redirect URIs.
  base = `http://localhost:${port}`;
  op = await startOidcProvider({
    clients: [
      {
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        redirectUris: [`${base}/api/auth/callback/acme`],
        postLogoutRedirectUris: [`${base}/signin/signed-out`],
      },
    ],
    users: [
      { sub: "ann-0001", email: "ann@acme.example", name: "Ann Acme" },
      { sub: "bob-0002", email: "Bob@Acme.example", name: "Bob Acme" },
      { sub: "carl-0003", email: "carl@acme.example", email_verified: false },
      { sub: "mallory-0004", email: "guest@partner.example" },
      { sub: "leaver-0005", email: "leaver@acme.example" },
      { sub: "owner-0006", email: "owner@acme.example", name: "Olga Owner" },
    ],
  });
  server = await startTrustServer({
    PORT: String(port),
    APP_URL: base,
    OIDC_TIMEOUT_MS: "2000",
    OIDC_CHECK_EVERY_MINUTES: "0.05", // ask the provider about each person every 3 s
    OIDC_PROVIDERS: JSON.stringify([
      {
        id: "acme",
        name: "Acme ID",
        issuer: op.issuer,
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        domains: ["acme.example"],
        mandatory: true,
      },
    ]),
  });
});

test.afterEach(async ({}, testInfo) => {
  await op.behave();
  if (testInfo.status !== testInfo.expectedStatus)
    console.log(
      `app server output:\n${server.app.output().slice(-4000)}\nprovider requests:\n${op.requests.slice(-30).join("\n")}`,
    );
});

test.afterAll(async () => {
  await server?.stop();
  await op?.stop();
});

/** A sign-in expected to succeed: waits until the browser is back in the app, signed in. */
async function signInWithAcme(page: Page, who: string): Promise<void> {
  op.nextLogin(who);
  await page.goto(`${base}/signin`);
  await page.getByRole("button", { name: "Sign in with Acme ID" }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
}

async function expectSignedOut(page: Page): Promise<void> {
  await page.goto(`${base}/inbox`);
  await expect(page).toHaveURL(/\/signin(\?|$)/);
  await expect(page.getByRole("heading", { name: "Sign in", exact: true })).toBeVisible();
}

test("first sign-in through the company provider creates the account, matched on the provider's subject", async ({
  page,
}) => {
  await signInWithAcme(page, "ann-0001");
  await expect(page.getByRole("navigation", { name: "Main" })).toContainText("ann@acme.example");
  const accounts = await server.sql.query(
    `SELECT a.provider, a."providerAccountId", u.email FROM "Account" a JOIN "User" u ON u.id = a."userId" WHERE u.email = 'ann@acme.example'`,
  );
  expect(accounts.rows).toEqual([{ provider: "acme", providerAccountId: "ann-0001", email: "ann@acme.example" }]);
  // Only the refresh token is kept, sealed; the access and ID tokens are not stored.
  const tokens = await server.sql.query(
    `SELECT refresh_token, access_token, id_token FROM "Account" WHERE "providerAccountId" = 'ann-0001'`,
  );
  expect(tokens.rows[0]).toMatchObject({ access_token: null, id_token: null });
  expect(tokens.rows[0].refresh_token).toMatch(/^v1:[0-9a-f]{8}:/);
});

test("an existing account (invited by e-mail) is linked when the provider verifies the address", async ({ page }) => {
  await server.sql.query(
    `INSERT INTO "User" (id, email, "createdAt", "updatedAt") VALUES ('invited-bob', 'bob@acme.example', now(), now())`,
  );
  await signInWithAcme(page, "bob-0002");
  await expect(page.getByRole("navigation", { name: "Main" })).toContainText("bob@acme.example");
  const linked = await server.sql.query(
    `SELECT "userId" FROM "Account" WHERE provider = 'acme' AND "providerAccountId" = 'bob-0002'`,
  );
  expect(linked.rows).toEqual([{ userId: "invited-bob" }]);
  expect(
    (await server.sql.query(`SELECT count(*)::int AS n FROM "User" WHERE lower(email) = 'bob@acme.example'`)).rows,
  ).toEqual([{ n: 1 }]);
});

test("the provider is mandatory for its domain: the address goes to the provider, and no e-mail link is ever sent", async ({
  page,
}) => {
  op.nextLogin("ann-0001");
  await page.goto(`${base}/signin`);
  await page.getByLabel("Work e-mail address").fill("ann@acme.example");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toContainText("ann@acme.example");
  await expect(page.getByRole("button", { name: "E-mail me a link instead" })).toHaveCount(0);

  // Auth.js's own e-mail endpoint, asked directly, sends nothing either.
  const csrf = (await (await page.request.get(`${base}/api/auth/csrf`)).json()) as { csrfToken: string };
  const answer = await page.request.post(`${base}/api/auth/signin/nodemailer`, {
    form: { csrfToken: csrf.csrfToken, email: "ann@acme.example" },
    maxRedirects: 0,
  });
  expect(answer.headers().location).toContain("/signin/error?error=OidcRequired");
  expect(await messagesTo(base, "ann@acme.example")).toEqual([]);
  const tokens = await server.sql.query(
    `SELECT count(*)::int AS n FROM "VerificationToken" WHERE identifier = 'ann@acme.example'`,
  );
  expect(tokens.rows).toEqual([{ n: 0 }]);
});

test("sign-out ends the app's session and offers the provider's end-session endpoint", async ({ page }) => {
  await signInWithAcme(page, "ann-0001");
  await expect(page.getByRole("navigation", { name: "Main" })).toContainText("ann@acme.example");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "You are signed out of Renewal Desk" })).toBeVisible();
  const before = op.signOuts;
  await page.getByRole("link", { name: "Sign out of Acme ID too" }).click();
  await page.getByRole("button", { name: "Yes, sign me out" }).click();
  await expect(page.getByRole("heading", { name: "You are signed out of Renewal Desk" })).toBeVisible();
  expect(op.signOuts).toBe(before + 1);
  await expectSignedOut(page);
});

const refusals = [
  [
    "a token signed with a key the provider does not publish",
    { idToken: "wrong-key" },
    "ann-0001",
    "was not signed with its published keys",
  ],
  ["a token from another issuer", { idToken: "wrong-issuer" }, "ann-0001", "did not come from the sign-in service"],
  ["an expired token", { idToken: "expired" }, "ann-0001", "had already expired when it arrived"],
  [
    "a token for another application",
    { idToken: "wrong-audience" },
    "ann-0001",
    "issued its answer for another application",
  ],
  [
    "a nonce that is not this browser's",
    { idToken: "wrong-nonce" },
    "ann-0001",
    "does not belong to the sign-in started in this browser",
  ],
  ["an address the provider did not verify", {}, "carl-0003", "did not confirm that the e-mail address belongs to you"],
  [
    "an address of a domain the provider is not authoritative for",
    {},
    "mallory-0004",
    "may only sign in addresses of its own company",
  ],
  ["a provider that is down", { outage: "refused" }, "ann-0001", "could not be reached"],
] as const;

for (const [name, faults, who, explanation] of refusals) {
  test(`refused with a clear page, nobody signed in: ${name}`, async ({ page }) => {
    op.nextLogin(who);
    await page.goto(`${base}/signin`);
    await op.misbehave(faults);
    await page.getByRole("button", { name: "Sign in with Acme ID" }).click();
    await expect(page.getByRole("heading", { name: "Sign-in did not work" })).toBeVisible();
    await expect(page.getByRole("alert").filter({ hasText: explanation })).toBeVisible();
    await op.behave();
    await expectSignedOut(page);
  });
}

test("refused with a clear page: a state that does not match this browser's", async ({ page }) => {
  op.nextLogin("ann-0001");
  // The dance walked hop by hop in this browser's context, up to the provider's answer, which then comes back with
  // another state than the one this browser's sign-in holds.
  const csrf = (await (await page.request.get(`${base}/api/auth/csrf`)).json()) as { csrfToken: string };
  const start = await page.request.post(`${base}/api/auth/signin/acme`, {
    form: { csrfToken: csrf.csrfToken },
    maxRedirects: 0,
  });
  let hop = new URL(start.headers().location!);
  for (let step = 0; step < 10 && !hop.href.startsWith(`${base}/api/auth/callback/acme`); step += 1) {
    const answer = await page.request.get(hop.href, { maxRedirects: 0 });
    hop = new URL(answer.headers().location!, hop);
  }
  expect(hop.pathname).toBe("/api/auth/callback/acme");
  hop.searchParams.set("state", "forged-state");
  await page.goto(hop.href);
  await expect(
    page.getByRole("alert").filter({ hasText: "does not belong to the sign-in started in this browser" }),
  ).toBeVisible();
  await expectSignedOut(page);
});

test("a person removed at the provider loses their sessions at once, cannot sign in again, and owners see their open tasks", async ({
  browser,
}) => {
  const tag = uniqueTag();
  const owner = await (await browser.newContext({ baseURL: base })).newPage();
  await signInWithAcme(owner, "owner-0006");
  const caseUrl = await createWorkspaceAndCase(owner, tag, {
    title: `Leaver ${tag}`,
    acceptsBoth: true,
    tenantAdmins: "leaver@acme.example",
    receiverAdmins: "owner@acme.example",
    integrationDevelopers: "owner@acme.example",
  });

  const leaver = await (await browser.newContext({ baseURL: base })).newPage();
  await signInWithAcme(leaver, "leaver-0005");
  await expect(leaver.getByRole("navigation", { name: "Main" })).toContainText("leaver@acme.example");

  // The person leaves the company: within seconds the app learns it from the provider and ends their session.
  op.removeUser("leaver-0005");
  await expect(async () => {
    await leaver.goto(`${base}/inbox`);
    await expect(leaver).toHaveURL(/\/signin/, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });

  await owner.goto(`${base}/overview`);
  const notice = owner.getByRole("region", { name: "Participants who can no longer sign in" });
  await expect(notice).toContainText("leaver@acme.example (Tenant administrator)");
  await expect(notice).toContainText("is theirs now");
  await owner.goto(`${base}${caseUrl}`);
  await expect(owner.getByTestId("participants-TENANT_ADMIN")).toContainText(
    "leaver@acme.example (can no longer sign in)",
  );

  // Trying again, the provider refuses, and the page says what that means.
  op.nextLogin(null);
  await leaver.goto(`${base}/signin`);
  await leaver.getByRole("button", { name: "Sign in with Acme ID" }).click();
  await expect(leaver.getByText("Your company's sign-in service did not let you in.")).toBeVisible();
  await expectSignedOut(leaver);
});
