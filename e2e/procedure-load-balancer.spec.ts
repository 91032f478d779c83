import { expect, test } from "@playwright/test";
import {
  confirmFromMail,
  createWorkspaceAndProcedureCase,
  markDone,
  personPage,
  uniqueTag,
  uploadNewCertificates,
} from "./support";

/** A wall time `days` from now at `hour`:00 UTC, as a person types it. */
function inDays(days: number, hour: number): string {
  const day = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  return `${day}T${String(hour).padStart(2, "0")}:00`;
}

test("the load balancer's certificate: an announced cut-over, the sender trusting the new root before it", async ({
  browser,
}) => {
  const tag = uniqueTag();
  const ta = `ta-${tag}@customer.test`;
  const sa = `sa-${tag}@sender.test`;
  const lba = `lba-${tag}@provider.test`;

  const taPage = await personPage(browser, ta);
  const caseUrl = await createWorkspaceAndProcedureCase(taPage, tag, {
    title: `Load balancer ${tag}`,
    renews: "The load balancer's server certificate",
    system: { label: "Sender system", name: "Warehouse system" },
    people: {
      "Tenant administrator(s)": ta,
      "Sender administrator(s)": sa,
      "Load balancer administrator(s)": lba,
    },
  });
  await expect(taPage.getByTestId("procedure")).toContainText("Load balancer server certificate under a new root");
  await expect(taPage.locator("li[data-testid^=step-][data-status]")).toHaveCount(6);

  const lbaPage = await personPage(browser, lba, { timezoneId: "UTC" });
  await uploadNewCertificates(lbaPage, caseUrl, { purpose: "server" });
  await lbaPage.goto(caseUrl);
  const announce = lbaPage.getByTestId("step-2");
  await expect(announce).toHaveAttribute("data-status", "READY");
  // A cut-over in the past is refused with the reason, and nothing moves on.
  await announce.getByLabel("Cut-over time (UTC)").fill(inDays(-1, 6));
  await announce.getByRole("button", { name: "Announce the cut-over" }).click();
  await expect(announce.getByText("at least an hour from now")).toBeVisible();
  await expect(announce).toHaveAttribute("data-status", "READY");
  await announce.getByLabel("Cut-over time (UTC)").fill(inDays(3, 6));
  await announce.getByRole("button", { name: "Announce the cut-over" }).click();
  await expect(lbaPage.getByTestId("step-2")).toHaveAttribute("data-status", "DONE");
  await expect(lbaPage.getByTestId("cut-over")).toBeVisible();
  // The tenant administrator only passes it on: Renewal Desk does that at once.
  await expect(lbaPage.getByTestId("step-3")).toHaveAttribute("data-status", "DONE");

  // The sender administrator trusts the new root, confirmed from the mail that carried it.
  await confirmFromMail(browser, sa, "4");
  await markDone(lbaPage, caseUrl, "5");
  const saPage = await personPage(browser, sa);
  await saPage.goto("/inbox");
  await expect(saPage.getByTestId("your-tasks")).toContainText("Remove the old root CA from the sender's trust store");
  await markDone(saPage, caseUrl, "6");
  await expect(saPage.getByText("This renewal was completed on")).toBeVisible();
});
