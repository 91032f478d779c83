import { expect, test } from "@playwright/test";
import {
  confirmFromMail,
  createWorkspaceAndProcedureCase,
  markDone,
  personPage,
  uniqueTag,
  uploadNewCertificates,
} from "./support";

test("a sender's client certificate: the tenant accepts the new identity before the sender switches", async ({
  browser,
}) => {
  const tag = uniqueTag();
  const ta = `ta-${tag}@customer.test`;
  const sa = `sa-${tag}@sender.test`;
  const dev = `dev-${tag}@customer.test`;

  const taPage = await personPage(browser, ta);
  const caseUrl = await createWorkspaceAndProcedureCase(taPage, tag, {
    title: `Sender client ${tag}`,
    renews: "A sender's client certificate",
    system: { label: "Sender system", name: "Shop front end" },
    flows: "Receive Orders",
    people: { "Tenant administrator(s)": ta, "Sender administrator(s)": sa, "Integration developer(s)": dev },
  });
  await expect(taPage.getByTestId("procedure")).toContainText("Sender client certificate");
  // Steps 4 and 9 of the guide come in two parts each, labelled as there.
  await expect(taPage.getByRole("heading", { name: /^Step 4a: / })).toBeVisible();
  await expect(taPage.getByRole("heading", { name: /^Step 9b: / })).toBeVisible();

  const saPage = await personPage(browser, sa);
  await uploadNewCertificates(saPage, caseUrl);

  // Step 3 is the tenant administrator's to give: only once the load balancer trusts the CA.
  await taPage.goto(caseUrl);
  await expect(taPage.getByTestId("step-3")).toContainText("given by the tenant administrator");
  await markDone(taPage, caseUrl, "3");

  await confirmFromMail(browser, dev, "4a");
  await markDone(taPage, caseUrl, "4b");
  await saPage.goto("/inbox");
  await expect(saPage.getByTestId("your-tasks")).toContainText("Switch the sender to the new certificate");
  await markDone(saPage, caseUrl, "7");
  await markDone(taPage, caseUrl, "9b");
  const devPage = await personPage(browser, dev);
  await markDone(devPage, caseUrl, "10");
  await expect(devPage.getByText("This renewal was completed on")).toBeVisible();
  await devPage.getByRole("navigation", { name: "Case sections" }).getByRole("link", { name: "Audit trail" }).click();
  await expect(devPage.getByRole("list", { name: "Audit trail" })).toContainText("Step 4a confirmed");
});
