import { expect, test } from "@playwright/test";
import { createWorkspaceAndCase, latestLinkInMailbox, personPage, uniqueTag, uploadNewCertificates } from "./support";

test("the receiver administrator confirms a step from the link in an e-mail, without signing in", async ({
  browser,
}) => {
  const tag = uniqueTag();
  const ta = `ta-${tag}@customer.test`;
  const ra = `ra-${tag}@partner.test`;
  const title = `Link ${tag}`;
  const taPage = await personPage(browser, ta);
  const caseUrl = await createWorkspaceAndCase(taPage, tag, {
    title,
    acceptsBoth: true,
    tenantAdmins: ta,
    receiverAdmins: ra,
    integrationDevelopers: ta,
  });
  await uploadNewCertificates(taPage, caseUrl);

  // A browser with no session, as when the link is opened from a mail client.
  const mailContext = await browser.newContext();
  const mailPage = await mailContext.newPage();
  const link = await latestLinkInMailbox(mailPage, ra, "step 3 is yours", /\/a\/[A-Za-z0-9_-]{43}$/);
  const response = await mailPage.goto(link);
  expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
  await expect(mailPage.getByRole("heading", { name: "Confirm step 3" })).toBeVisible();
  await expect(mailPage.getByText(title)).toBeVisible();

  // Opening (and reloading) the link changes nothing.
  await mailPage.reload();
  await taPage.goto(caseUrl);
  await expect(taPage.getByTestId("step-3")).toHaveAttribute("data-status", "READY");

  await mailPage.getByRole("button", { name: "Confirm that step 3 is done" }).click();
  await expect(mailPage.getByText("Step 3 is confirmed and recorded.")).toBeVisible();

  await taPage.goto("/inbox");
  await expect(taPage.getByTestId("your-tasks")).toContainText("Replace the key pair in the tenant keystore");
  await taPage.goto(caseUrl);
  await expect(taPage.getByTestId("step-3-done")).toContainText("via e-mail link");

  // The link is single use.
  await mailPage.goto(link);
  await expect(mailPage.getByText("This link was already used.")).toBeVisible();
  await mailPage.goto(`${link.slice(0, -1)}${link.endsWith("A") ? "B" : "A"}`);
  await expect(mailPage.getByText("This link is not valid.")).toBeVisible();
});
