import { expect, test } from "@playwright/test";
import {
  createWorkspaceAndCase,
  latestLinkInMailbox,
  personPage,
  tickAllTasks,
  uniqueTag,
  uploadNewCertificates,
} from "./support";

/** Where first-time users stumbled (issue 14), walked as they would. */

test("a guest sees only what they can use, and is told why the rest is not there", async ({ browser }) => {
  const tag = uniqueTag();
  const owner = `owner-${tag}@customer.test`;
  const guest = `guest-${tag}@partner.test`;
  const ownerPage = await personPage(browser, owner);
  await createWorkspaceAndCase(ownerPage, tag, {
    title: `Guest ${tag}`,
    acceptsBoth: true,
    tenantAdmins: owner,
    receiverAdmins: guest,
    integrationDevelopers: owner,
  });
  const guestPage = await personPage(browser, guest);
  const main = guestPage.getByRole("navigation", { name: "Main" });
  await expect(main.getByRole("link", { name: "Inbox" })).toBeVisible();
  await expect(main.getByRole("link", { name: "Overview" })).toHaveCount(0);
  await expect(main.getByRole("link", { name: "New case" })).toHaveCount(0);
  await guestPage.goto("/overview");
  await expect(
    guestPage.getByText("It is for the members of a workspace; you take part in cases as a guest"),
  ).toBeVisible();
  await guestPage.goto("/cases/new");
  await expect(guestPage.getByText("guests do not start cases: a member of the workspace does")).toBeVisible();
  await expect(
    ownerPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" }),
  ).toBeVisible();
});

test("a message in the mailbox looks as it arrives: HTML, text and attachments", async ({ browser }) => {
  const tag = uniqueTag();
  const ta = `ta-${tag}@customer.test`;
  const ra = `ra-${tag}@partner.test`;
  const page = await personPage(browser, ta);
  const caseUrl = await createWorkspaceAndCase(page, tag, {
    title: `Mailbox ${tag}`,
    acceptsBoth: true,
    tenantAdmins: ta,
    receiverAdmins: ra,
    integrationDevelopers: ta,
  });
  await uploadNewCertificates(page, caseUrl);
  await page.goto(`/dev/mailbox?to=${encodeURIComponent(ra)}`);
  await page
    .getByRole("link", { name: /step 3 is yours/ })
    .first()
    .click();
  const attachments = page.getByTestId("attachments");
  await expect(attachments.getByRole("link", { name: "new-client-certificate.pem" })).toBeVisible();
  const download = page.waitForEvent("download");
  await attachments.getByRole("link", { name: "new-root-ca.pem" }).click();
  expect((await download).suggestedFilename()).toBe("new-root-ca.pem");
  const html = page.frameLocator("iframe[title^='HTML part']");
  await expect(html.getByRole("link", { name: "Confirm this step" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Text part" })).toBeVisible();
  await expect(page.getByText("List-Unsubscribe-Post")).toBeVisible();
});

test("the first page a new browser opens already shows times in its own zone", async ({ browser }) => {
  const tag = uniqueTag();
  const ta = `ta-${tag}@customer.test`;
  const ra = `ra-${tag}@partner.test`;
  const page = await personPage(browser, ta);
  const caseUrl = await createWorkspaceAndCase(page, tag, {
    title: `Zone ${tag}`,
    acceptsBoth: true,
    tenantAdmins: ta,
    receiverAdmins: ra,
    integrationDevelopers: ta,
  });
  await uploadNewCertificates(page, caseUrl);
  const link = await latestLinkInMailbox(page, ra, "step 3 is yours", /\/a\/[A-Za-z0-9_-]{43}$/);
  // A receiver administrator in New York opens the link from the mail: the very first page of this browser.
  const fresh = await (await browser.newContext({ timezoneId: "America/New_York" })).newPage();
  await fresh.goto(link);
  await expect(fresh.getByText(/Link valid until/)).toBeVisible();
  await expect(fresh.locator("dd time")).toContainText(/GMT-5|EST/);
});

test("a form reports every problem at once, next to its field", async ({ browser }) => {
  const tag = uniqueTag();
  const ta = `ta-${tag}@customer.test`;
  const page = await personPage(browser, ta);
  const caseUrl = await createWorkspaceAndCase(page, tag, {
    title: `Errors ${tag}`,
    acceptsBoth: true,
    tenantAdmins: ta,
    receiverAdmins: ta,
    integrationDevelopers: ta,
  });
  await uploadNewCertificates(page, caseUrl);
  await tickAllTasks(page, caseUrl, 3);
  await page.goto(caseUrl);
  await page.getByTestId("step-5").getByLabel("Alias under which the new key pair was imported").fill("s4_client");
  await page.getByTestId("step-5").getByRole("button", { name: "Confirm the import under this alias" }).click();
  await expect(page.getByTestId("step-5")).toHaveAttribute("data-status", "DONE");
  const grid = page.getByTestId("step-7");
  for (const box of await grid.getByRole("checkbox").all()) await box.check();
  await grid.getByRole("button", { name: "Confirm the ticked flows and nodes" }).click();
  await expect(grid).toHaveAttribute("data-status", "DONE");
  // Step 9 sent empty: the tick, the choice and the reason are all missing, and all are said at once.
  const last = page.getByTestId("step-9");
  await last.getByRole("button", { name: "Record the decision" }).click();
  await expect(last.getByText("Confirm that the old client certificate was removed from the receiver.")).toBeVisible();
  await expect(last.getByText("Say whether the old root CA was removed or kept.")).toBeVisible();
  await expect(last.getByText("Say why, in a few words.")).toBeVisible();
  await expect(last.getByLabel("Why")).toHaveAttribute("aria-invalid", "true");
});

test("a used action link, still open in another tab, shows the refusal and no button", async ({ browser }) => {
  const tag = uniqueTag();
  const ta = `ta-${tag}@customer.test`;
  const ra = `ra-${tag}@partner.test`;
  const page = await personPage(browser, ta);
  const caseUrl = await createWorkspaceAndCase(page, tag, {
    title: `Used link ${tag}`,
    acceptsBoth: true,
    tenantAdmins: ta,
    receiverAdmins: ra,
    integrationDevelopers: ta,
  });
  await uploadNewCertificates(page, caseUrl);
  const link = await latestLinkInMailbox(page, ra, "step 3 is yours", /\/a\/[A-Za-z0-9_-]{43}$/);
  const context = await browser.newContext();
  const first = await context.newPage();
  const second = await context.newPage();
  await first.goto(link);
  await second.goto(link);
  await first.getByRole("button", { name: "Confirm that step 3 is done" }).click();
  await expect(first.getByText("Step 3 is confirmed and recorded")).toBeVisible();
  await second.getByRole("button", { name: "Confirm that step 3 is done" }).click();
  await expect(second.getByText("This link was already used")).toBeVisible();
  await expect(second.getByRole("button", { name: "Confirm that step 3 is done" })).toHaveCount(0);
});
