import { expect, test } from "@playwright/test";
import { createWorkspaceAndCase, personPage, uniqueTag } from "./support";
import { makeCurrentChain, pems } from "../tests/support/certificates";

test("a participant cannot act on another role's step, even by submitting its form", async ({ browser }) => {
  const tag = uniqueTag();
  const ta = `ta-${tag}@customer.test`;
  const ra = `ra-${tag}@partner.test`;
  const taPage = await personPage(browser, ta);
  const caseUrl = await createWorkspaceAndCase(taPage, tag, {
    title: `Refusal ${tag}`,
    acceptsBoth: true,
    tenantAdmins: ta,
    receiverAdmins: ra,
    integrationDevelopers: ta,
  });

  // The receiver administrator sees the step, but no form for it.
  const raPage = await personPage(browser, ra);
  await raPage.goto(caseUrl);
  await expect(raPage.getByTestId("step-1")).toContainText(`Waiting for ${ta}`);
  await expect(raPage.getByTestId("step-1").getByRole("button")).toHaveCount(0);

  // Submitting the tenant administrator's form with the receiver administrator's session is refused on the server.
  await taPage.goto(caseUrl);
  const raCookies = await raPage.context().cookies();
  await taPage.context().clearCookies();
  await taPage.context().addCookies(raCookies);
  const step = taPage.getByTestId("step-1");
  const chain = await makeCurrentChain(`Refusal ${tag}`);
  await step.getByLabel("or paste PEM text").first().fill(pems(chain.leaf, chain.intermediate));
  await step.getByLabel("or paste PEM text").nth(1).fill(chain.root.pem);
  await step.getByRole("button", { name: "Check and upload" }).click();
  await expect(step.getByRole("alert")).toContainText(
    "Step 1 belongs to the tenant administrator, and you do not hold that role on this case.",
  );
  await raPage.goto(caseUrl);
  await expect(raPage.getByTestId("step-1")).toHaveAttribute("data-status", "READY");

  // Someone outside the workspace does not even learn that the case exists.
  const strangerPage = await personPage(browser, `stranger-${tag}@elsewhere.test`);
  const response = await strangerPage.goto(caseUrl);
  expect(response?.status()).toBe(404);
});

test("the case form explains every invalid field and creates nothing", async ({ browser }) => {
  const tag = uniqueTag();
  const page = await personPage(browser, `owner-${tag}@customer.test`);
  await page.goto("/inbox");
  await page.getByLabel("Workspace name").fill(`Team ${tag}`);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await page.getByLabel("Title").fill("ab");
  await page.getByLabel("Keystore alias").fill("has space");
  await page.getByLabel("Receiver administrator(s)").fill("not-an-address");
  // The old certificate's problem is reported in the same round as the other fields'.
  await page
    .getByLabel("Old client certificate")
    .setInputFiles({ name: "old.pem", mimeType: "application/x-pem-file", buffer: Buffer.from("not a certificate") });
  await page.getByRole("button", { name: "Create case" }).click();
  await expect(page.locator("#oldLeaf-error")).toBeVisible();
  await expect(page.getByText("Some fields need attention. Nothing was saved.")).toBeVisible();
  await expect(page.getByText("The title needs at least 3 characters.")).toBeVisible();
  await expect(page.getByText("Say whether the receiver can accept both certificates at once.")).toBeVisible();
  await expect(
    page.getByText("An alias may contain letters, digits, dot, underscore, @ and hyphen, and no spaces."),
  ).toBeVisible();
  await expect(page.getByText('"not-an-address" is not a valid e-mail address.')).toBeVisible();
  await expect(page.getByText("Enter at least one runtime node.")).toBeVisible();
  // what was typed is still there to correct
  await expect(page.getByLabel("Title")).toHaveValue("ab");
  await expect(page.getByLabel("Receiver administrator(s)")).toHaveValue("not-an-address");
  await page.goto("/cases");
  await expect(page.getByText("No cases yet.")).toBeVisible();
});

test("every page is served with the security headers", async ({ page }) => {
  const response = await page.goto("/signin");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).not.toContain("unsafe-eval");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  // The page still works under the policy: the form is interactive (hydrated scripts carry the nonce).
  await page.getByLabel("Work e-mail address").fill("not-an-address");
  await page.getByRole("button", { name: "Send me a sign-in link" }).click();
  await expect(page.getByText("Enter a valid e-mail address.")).toBeVisible();
});
