import { expect, test } from "@playwright/test";
import { makeCert, makeCurrentChain } from "../tests/support/certificates";
import {
  confirmAlias,
  confirmAllCells,
  confirmFromMail,
  createWorkspaceAndProcedureCase,
  personPage,
  submitCertificates,
  tickAllTasks,
  uniqueTag,
} from "./support";

test("a tenant certificate from the same CA: the upload offers the same-CA procedure, which then runs to the end", async ({
  browser,
}) => {
  const tag = uniqueTag();
  const ta = `ta-${tag}@customer.test`;
  const ra = `ra-${tag}@partner.test`;
  const dev = `dev-${tag}@customer.test`;
  const title = `Same CA ${tag}`;
  const chain = await makeCurrentChain(`Same ${tag}`);
  const old = await makeCert({ subject: chain.leaf.cert.subject, issuer: chain.intermediate });

  const taPage = await personPage(browser, ta);
  // The tenant administrator believes the CA changes; the certificates say otherwise.
  const caseUrl = await createWorkspaceAndProcedureCase(taPage, tag, {
    title,
    renews: "The tenant's own client certificate",
    ca: "A different CA",
    acceptsBoth: true,
    system: { label: "Receiver system", name: "Billing gateway" },
    alias: "billing_client",
    nodes: "node-1",
    flows: "Send Invoices",
    people: { "Tenant administrator(s)": ta, "Receiver administrator(s)": ra, "Integration developer(s)": dev },
    old: { leaf: old.pem, root: chain.root.pem, label: "Old client certificate" },
  });
  await expect(taPage.getByTestId("procedure")).toContainText("Tenant client certificate from a new CA");

  await submitCertificates(taPage, chain);
  await expect(taPage.getByTestId("upload-warnings")).toContainText("same CA as the old one");
  await taPage.getByRole("button", { name: "Switch to the same-CA procedure" }).click();
  await expect(taPage.getByTestId("procedure")).toContainText("Tenant client certificate from the same CA");
  await expect(taPage.getByTestId("step-1")).toHaveAttribute("data-status", "READY");

  // Checked again as a same-CA renewal: nothing to warn about, stored at once.
  await submitCertificates(taPage, chain);
  await expect(taPage.getByTestId("step-1")).toHaveAttribute("data-status", "DONE");
  await expect(taPage.getByTestId("step-2")).toContainText("Hand the new certificate to the receiver administrator");

  // The receiver's tasks no longer ask for a new root CA.
  const raPage = await personPage(browser, ra);
  await raPage.goto(caseUrl);
  await expect(raPage.getByTestId("step-3")).toContainText("Accept the new client certificate next to the old one");
  await expect(raPage.getByTestId("step-3")).not.toContainText("root CA certificate into");
  await tickAllTasks(raPage, caseUrl, 3);

  await confirmAlias(taPage, caseUrl, 5, "billing_client");
  const devPage = await personPage(browser, dev);
  await confirmAllCells(devPage, caseUrl, 7);

  // The clean-up is a plain confirmation, done from the e-mail.
  await confirmFromMail(browser, ra, "9");
  await raPage.goto(caseUrl);
  await expect(raPage.getByText("This renewal was completed on")).toBeVisible();
  await raPage.getByRole("navigation", { name: "Case sections" }).getByRole("link", { name: "Audit trail" }).click();
  await expect(raPage.getByRole("list", { name: "Audit trail" })).toContainText(
    "Procedure changed from Tenant client certificate from a new CA — Both certificates accepted (no downtime) to Tenant client certificate from the same CA",
  );
});
