import { expect, test } from "@playwright/test";
import { createWorkspaceAndCase, personPage, uniqueTag, uploadNewCertificates } from "./support";

test("the case page's sections have their own addresses, work without JavaScript, and old links still lead there", async ({
  browser,
}) => {
  const tag = uniqueTag();
  const ta = `ta-${tag}@customer.test`;
  const page = await personPage(browser, ta);
  const caseUrl = await createWorkspaceAndCase(page, tag, {
    title: `Sections ${tag}`,
    acceptsBoth: true,
    tenantAdmins: ta,
    receiverAdmins: `ra-${tag}@partner.test`,
    integrationDevelopers: ta,
  });
  await uploadNewCertificates(page, caseUrl);

  const tabs = page.getByRole("navigation", { name: "Case sections" });
  await page.goto(caseUrl);
  await expect(tabs.getByRole("link", { name: "Steps" })).toHaveAttribute("aria-current", "page");
  // The default view answers where the case stands; the rest is one link away.
  await expect(page.getByRole("list", { name: "Steps of the procedure" })).toBeVisible();
  await expect(page.getByTestId("new-certificates")).toHaveCount(0);
  await expect(page.getByRole("list", { name: "Audit trail" })).toHaveCount(0);

  await tabs.getByRole("link", { name: "Certificates" }).click();
  await expect(page).toHaveURL(`${caseUrl}/certificates`);
  await expect(tabs.getByRole("link", { name: "Certificates" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("new-certificates")).toBeVisible();

  await tabs.getByRole("link", { name: "E-mail" }).click();
  await expect(page).toHaveURL(`${caseUrl}/mail`);
  await expect(page.getByTestId("case-mail")).toContainText("step 3 is yours");

  await tabs.getByRole("link", { name: "Audit trail" }).click();
  await expect(page).toHaveURL(`${caseUrl}/audit`);
  await page.getByLabel("Kind").selectOption("certificate");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(`${caseUrl}/audit?role=&kind=certificate`);
  await expect(page.getByRole("list", { name: "Audit trail" }).locator("li")).toHaveCount(1);

  // An address from before the sections (the trail's filters on the case page) opens the audit section.
  await page.goto(`${caseUrl}?kind=certificate`);
  await expect(page).toHaveURL(`${caseUrl}/audit?kind=certificate`);

  // Without JavaScript: the same links, the same pages.
  const plain = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
  });
  const noScript = await plain.newPage();
  await noScript.goto(caseUrl);
  await noScript.getByRole("navigation", { name: "Case sections" }).getByRole("link", { name: "E-mail" }).click();
  await expect(noScript).toHaveURL(`${caseUrl}/mail`);
  await expect(noScript.getByRole("heading", { name: /^E-mail/ })).toBeVisible();
  await plain.close();
});
