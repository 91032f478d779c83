import { expect, test } from "@playwright/test";
import {
  confirmAlias,
  confirmAllCells,
  createWorkspaceAndCase,
  personPage,
  recordOldRoot,
  tickAllTasks,
  uniqueTag,
  uploadNewCertificates,
} from "./support";

test("variant A from creation to completion, by three people who sign in through e-mail links", async ({ browser }) => {
  const tag = uniqueTag();
  const ta = `ta-${tag}@customer.test`;
  const ra = `ra-${tag}@partner.test`;
  const dev = `dev-${tag}@customer.test`;
  const title = `Orders outbound ${tag}`;

  const taPage = await personPage(browser, ta);
  const caseUrl = await createWorkspaceAndCase(taPage, tag, {
    title,
    acceptsBoth: true,
    tenantAdmins: ta,
    receiverAdmins: ra,
    integrationDevelopers: dev,
  });
  await expect(taPage.getByTestId("procedure")).toContainText("Both certificates accepted (no downtime)");
  await expect(taPage.locator("li[data-testid^=step-][data-status]")).toHaveCount(9);

  await taPage.goto("/inbox");
  await expect(taPage.getByTestId("your-tasks")).toContainText(title);
  await expect(taPage.getByTestId("count-TENANT_ADMIN")).toContainText("1");
  await uploadNewCertificates(taPage, caseUrl);
  await expect(taPage.getByTestId("step-2")).toHaveAttribute("data-status", "DONE");
  await expect(taPage.getByTestId("step-2-done")).toContainText("Renewal Desk");
  await expect(taPage.getByTestId("step-3")).toContainText(`Waiting for ${ra}`);

  // The receiver administrator, a guest from another company, was invited by e-mail.
  const raPage = await personPage(browser, ra);
  await raPage.goto("/inbox");
  await expect(raPage.getByTestId("your-tasks")).toContainText(title);
  await expect(raPage.getByTestId("your-tasks")).toContainText("Receiver administrator");
  await tickAllTasks(raPage, caseUrl, 3);
  await expect(raPage.getByTestId("step-3")).toHaveAttribute("data-status", "DONE");

  // A different alias is refused with the reason; the case's alias completes the step.
  await taPage.goto(caseUrl);
  await taPage
    .getByTestId("step-5")
    .getByLabel("Alias under which the new key pair was imported")
    .fill("s4_client_new");
  await taPage.getByTestId("step-5").getByRole("button", { name: "Confirm the import under this alias" }).click();
  await expect(taPage.getByTestId("step-5").getByText('existing alias "s4_client", not "s4_client_new"')).toBeVisible();
  await confirmAlias(taPage, caseUrl, 5, "s4_client");
  await expect(taPage.getByText("may keep presenting the old certificate until")).toBeVisible();

  const devPage = await personPage(browser, dev);
  await devPage.goto("/inbox");
  await expect(devPage.getByTestId("your-tasks")).toContainText("Restart the integration flows on every runtime node");
  await confirmAllCells(devPage, caseUrl, 7);
  await expect(devPage.getByTestId("grid-7")).toContainText("2 of 2 confirmed");

  await recordOldRoot(raPage, caseUrl, 9, { oldClientCertificate: true });
  await expect(raPage.getByText("This renewal was completed on")).toBeVisible();
  for (const number of [1, 3, 5, 7, 9])
    await expect(raPage.getByTestId(`step-${number}-done`)).toContainText("via web");
  for (const number of [2, 4, 6, 8])
    await expect(raPage.getByTestId(`step-${number}-done`)).toContainText("via system");
  await raPage.getByRole("navigation", { name: "Case sections" }).getByRole("link", { name: "Audit trail" }).click();
  await expect(raPage.getByRole("list", { name: "Audit trail" })).toContainText("Case completed");

  await taPage.goto("/inbox");
  await expect(taPage.getByTestId("recently-done")).toContainText(title);
});
