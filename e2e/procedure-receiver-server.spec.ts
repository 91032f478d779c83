import { expect, test } from "@playwright/test";
import { makeCurrentChain } from "../tests/support/certificates";
import {
  confirmAllCells,
  confirmFromMail,
  createWorkspaceAndProcedureCase,
  markDone,
  personPage,
  submitCertificates,
  uniqueTag,
  uploadNewCertificates,
} from "./support";

test("a receiver's server certificate from a new CA: the tenant trusts the new root before the receiver switches", async ({
  browser,
}) => {
  const tag = uniqueTag();
  const ta = `ta-${tag}@customer.test`;
  const ra = `ra-${tag}@partner.test`;
  const title = `Receiver server ${tag}`;

  const taPage = await personPage(browser, ta);
  const caseUrl = await createWorkspaceAndProcedureCase(taPage, tag, {
    title,
    renews: "A receiver's server certificate",
    system: { label: "Receiver system", name: "Payments API" },
    nodes: "node-1\nnode-2",
    flows: "Send Payments",
    people: { "Tenant administrator(s)": ta, "Receiver administrator(s)": ra },
  });
  await expect(taPage.getByTestId("procedure")).toContainText("Receiver server certificate from a new CA");
  await expect(taPage.locator("li[data-testid^=step-][data-status]")).toHaveCount(8);
  // Only the people this procedure needs.
  await expect(taPage.getByText("Integration developer", { exact: true })).toHaveCount(0);

  // The receiver administrator starts: a client certificate is refused, a server certificate accepted.
  const raPage = await personPage(browser, ra);
  await raPage.goto("/inbox");
  await expect(raPage.getByTestId("your-tasks")).toContainText("Create the receiver's new key pair");
  await uploadNewCertificates(raPage, caseUrl, { purpose: "server" });
  await expect(raPage.getByTestId("step-2")).toHaveAttribute("data-status", "DONE");

  // The tenant administrator imports the root (confirmed from the mail), then restarts the flows on every node.
  await confirmFromMail(browser, ta, "3");
  await confirmAllCells(taPage, caseUrl, 4);

  await markDone(raPage, caseUrl, "6");
  await markDone(taPage, caseUrl, "8");
  await expect(taPage.getByText("This renewal was completed on")).toBeVisible();
  for (const number of [2, 5, 7]) await expect(taPage.getByTestId(`step-${number}-done`)).toContainText("via system");
});

test("the receiver-server procedure refuses a client certificate where a server certificate belongs", async ({
  browser,
}) => {
  const tag = uniqueTag();
  const ta = `ta-${tag}@customer.test`;
  const taPage = await personPage(browser, ta);
  await createWorkspaceAndProcedureCase(taPage, tag, {
    title: `Wrong certificate ${tag}`,
    renews: "A receiver's server certificate",
    system: { label: "Receiver system", name: "Payments API" },
    nodes: "node-1",
    flows: "Send Payments",
    // The tenant administrator also holds the receiver role here, to keep the test to one person.
    people: { "Tenant administrator(s)": ta, "Receiver administrator(s)": ta },
  });
  const step = await submitCertificates(taPage, await makeCurrentChain(`Client ${tag}`, "client"));
  await expect(step.getByTestId("upload-errors")).toContainText("server certificate");
  await expect(step).toHaveAttribute("data-status", "READY");
  await taPage.reload();
  await expect(taPage.getByTestId("step-1")).toHaveAttribute("data-status", "READY");
});
