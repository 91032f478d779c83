import { expect, test } from "@playwright/test";
import { createWorkspaceAndCase, personPage, uniqueTag } from "./support";
import { makeCert, makeCurrentChain } from "../tests/support/certificates";

const DAY = 86_400_000;

test("overview: an old certificate near expiry is highlighted, and a renewal starts from it pre-filled; the case list searches", async ({
  browser,
}) => {
  const tag = uniqueTag();
  const owner = `owner-${tag}@customer.test`;
  const ra = `ra-${tag}@partner.test`;
  const old = await makeCurrentChain(`Old ${tag}`);
  const expiring = await makeCert({
    subject: `CN=expiring ${tag}`,
    issuer: old.intermediate,
    notBefore: new Date(Date.now() - 300 * DAY),
    notAfter: new Date(Date.now() + 20 * DAY),
  });
  const page = await personPage(browser, owner);
  const caseUrl = await createWorkspaceAndCase(page, tag, {
    title: `Expiring ${tag}`,
    acceptsBoth: true,
    tenantAdmins: owner,
    receiverAdmins: ra,
    integrationDevelopers: owner,
    old: { leaf: expiring.pem, root: old.root.pem },
  });
  await page.goto(`${caseUrl}/certificates`);
  await expect(page.getByText("Old certificates (being replaced)")).toBeVisible();

  await page.goto("/overview");
  await expect(page.getByTestId("by-stage")).toContainText("Create the new key pair");
  const row = page.getByTestId("expiring").getByRole("row", { name: new RegExp(`expiring ${tag}`) });
  await expect(row).toContainText("(≤ 30 days)");
  await row.getByRole("link", { name: "Start a renewal" }).click();
  await expect(page.getByText(`Renewing`)).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveValue(new RegExp(`expiring ${tag}`));
  await expect(page.getByLabel("Receiver administrator(s)")).toHaveValue(ra);
  await page.getByLabel(/^Yes/).check();
  await page.getByRole("button", { name: "Create case" }).click();
  await expect(page).toHaveURL(/\/cases\/[a-z0-9]+$/);
  await page.getByRole("navigation", { name: "Case sections" }).getByRole("link", { name: "Certificates" }).click();
  await expect(page.getByTestId("certificate-old-leaf")).toContainText(`expiring ${tag}`);

  await page.goto(`/cases?q=${encodeURIComponent(ra)}`);
  await expect(page.getByTestId("case-count")).toHaveText("2 cases");
  await page.goto(`/cases?q=Expiring+${tag}&status=COMPLETED`);
  await expect(page.getByTestId("case-count")).toHaveText("0 cases");
});
