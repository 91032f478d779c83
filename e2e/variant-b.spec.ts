import { expect, test } from "@playwright/test";
import { completeStep, createWorkspaceAndCase, personPage, uniqueTag } from "./support";

test("variant B from creation to completion, by three people", async ({ browser }) => {
  const tag = uniqueTag();
  const ta = `ta-${tag}@customer.test`;
  const ra = `ra-${tag}@partner.test`;
  const dev = `dev-${tag}@customer.test`;
  const title = `Bank gateway ${tag}`;

  const taPage = await personPage(browser, ta);
  const caseUrl = await createWorkspaceAndCase(taPage, tag, { title, acceptsBoth: false, tenantAdmins: ta, receiverAdmins: ra, integrationDevelopers: dev });
  await expect(taPage.getByTestId("procedure")).toContainText("One certificate at a time (downtime window)");
  await expect(taPage.locator("[data-testid^=step-][data-status]")).toHaveCount(11);

  await completeStep(taPage, caseUrl, 1);
  await completeStep(taPage, caseUrl, 2, "Window: Saturday 06:00-07:00 UTC");

  const devPage = await personPage(browser, dev);
  await completeStep(devPage, caseUrl, 4);
  await completeStep(taPage, caseUrl, 6);

  const raPage = await personPage(browser, ra);
  await raPage.goto("/inbox");
  await expect(raPage.getByTestId("your-tasks")).toContainText("Exchange the certificate on the receiver");
  await completeStep(raPage, caseUrl, 8);
  await expect(raPage.getByTestId("step-9")).toHaveAttribute("data-status", "DONE");
  await expect(raPage.getByTestId("step-10")).toHaveAttribute("data-status", "DONE");

  await completeStep(devPage, caseUrl, 11);
  await expect(devPage.getByText("This renewal was completed on")).toBeVisible();
});
