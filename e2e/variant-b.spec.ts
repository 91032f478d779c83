import { expect, test } from "@playwright/test";
import { formatWallTimeText } from "../lib/time/zones";
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

test("variant B with a downtime window that starts during the test, two nodes × two flows and the SAP checklist", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const tag = uniqueTag();
  const ta = `ta-${tag}@customer.test`;
  const ra = `ra-${tag}@partner.test`;
  const dev = `dev-${tag}@customer.test`;
  const title = `Bank gateway ${tag}`;

  const taPage = await personPage(browser, ta, { timezoneId: "Europe/Berlin" });
  const caseUrl = await createWorkspaceAndCase(taPage, tag, {
    title,
    acceptsBoth: false,
    tenantAdmins: ta,
    receiverAdmins: ra,
    integrationDevelopers: dev,
    flows: "Send Orders\nSend Invoices",
    landscape: "SAP_WEB_DISPATCHER_ABAP",
  });
  await expect(taPage.getByTestId("procedure")).toContainText("One certificate at a time (downtime window)");
  await expect(taPage.locator("li[data-testid^=step-][data-status]")).toHaveCount(11);
  await uploadNewCertificates(taPage, caseUrl);

  // Step 2 is joint: it is the turn of both sides, in the banner, the inbox, the mail and the form.
  const raPage = await personPage(browser, ra, { timezoneId: "America/New_York" });
  for (const [page, other] of [
    [taPage, "receiver administrator"],
    [raPage, "tenant administrator"],
  ] as const) {
    await page.goto(caseUrl);
    await expect(page.getByTestId("current-step-banner")).toContainText(
      `Your turn: step 2 — Agree on a downtime window with the receiver administrator (together with the ${other})`,
    );
    await expect(page.getByTestId("step-2").getByRole("button", { name: "Propose" })).toBeVisible();
    await page.goto("/inbox");
    await expect(page.getByTestId("your-tasks")).toContainText(title);
    await expect(page.getByTestId("your-tasks")).toContainText("2. Agree on a downtime window");
  }
  for (const address of [ta, ra]) {
    await raPage.goto(`/dev/mailbox?to=${encodeURIComponent(address)}`);
    await expect(raPage.getByRole("link", { name: /step 2 is yours — Agree on a downtime window/ })).toBeVisible();
  }
  const devInbox = await personPage(browser, dev);
  await devInbox.goto("/inbox");
  await expect(devInbox.getByTestId("waiting-on-others")).toContainText(
    "Tenant administrator or Receiver administrator",
  );
  await devInbox.context().close();

  // The tenant administrator (in Berlin) proposes a window starting within two minutes (times are to the minute).
  const start = new Date(Math.ceil((Date.now() + 40_000) / 60_000) * 60_000);
  const end = new Date(start.getTime() + 30 * 60_000);
  await taPage.goto(caseUrl);
  const agree = taPage.getByTestId("step-2");
  await expect(agree).toContainText("in your time zone: Europe/Berlin");
  const first = agree.getByRole("group", { name: "Window 1" });
  // A time the form cannot read is explained next to its field, together with the other field's problem.
  await first.getByLabel(/^Start/).fill("tomorrow morning");
  await agree.getByRole("button", { name: "Propose" }).click();
  await expect(first.getByText("“tomorrow morning” is not a time like 5 Dec 2026, 06:00.")).toBeVisible();
  await expect(first.getByText("Enter when the window ends.")).toBeVisible();
  await first.getByLabel(/^Start/).fill(formatWallTimeText(start, "Europe/Berlin"));
  await first.getByLabel(/^End/).fill(formatWallTimeText(end, "Europe/Berlin"));
  await agree.getByRole("button", { name: "Propose" }).click();
  await expect(agree.locator("li[data-status=OPEN]")).toHaveCount(1);

  // The receiver administrator (in New York) sees it in their own zone and accepts.
  await raPage.goto(caseUrl);
  await expect(raPage.getByTestId("step-2")).toContainText(/GMT-[45]/);
  await raPage.getByTestId("step-2").getByRole("button", { name: "Accept this window" }).click();
  await expect(raPage.getByTestId("step-2")).toHaveAttribute("data-status", "DONE");
  await expect(raPage.getByTestId("step-3")).toHaveAttribute("data-status", "READY");

  // Step 3 is the app's: the tenant administrator is told when it happens, and may start it earlier on step 3 itself.
  await taPage.goto(caseUrl);
  await expect(taPage.getByTestId("current-step-banner")).toContainText("Step 3 happens automatically at");
  await expect(taPage.getByTestId("step-3").getByRole("button", { name: "Start step 3 now" })).toBeVisible();
  await expect(taPage.getByTestId("step-2").getByRole("button", { name: /now/ })).toHaveCount(0);

  // When the window starts, Renewal Desk hands over to the integration developer by itself.
  const devPage = await personPage(browser, dev);
  await expect(async () => {
    await devPage.goto(caseUrl);
    await expect(devPage.getByTestId("step-3")).toHaveAttribute("data-status", "DONE", { timeout: 1000 });
  }).toPass({ timeout: start.getTime() - Date.now() + 30_000 }); // the start can be up to 100 s after the proposal
  await expect(devPage.getByTestId("grid-4")).toContainText("0 of 4 confirmed");
  await confirmAllCells(devPage, caseUrl, 4);

  await confirmAlias(taPage, caseUrl, 6, "s4_client");

  // The SAP landscape checklist: the farm change is recorded as done by SAP IT.
  await raPage.goto(caseUrl);
  await expect(raPage.getByTestId("checklist")).toContainText(
    "Add the new CA to the Web Dispatcher farm (usually SAP IT)",
  );
  await tickAllTasks(raPage, caseUrl, 8);
  await expect(raPage.getByTestId("checklist")).toContainText("SAP IT, recorded by");
  await recordOldRoot(raPage, caseUrl, 8);
  await expect(raPage.getByTestId("step-9")).toHaveAttribute("data-status", "DONE");
  await expect(raPage.getByTestId("step-10")).toHaveAttribute("data-status", "DONE");

  await confirmAllCells(devPage, caseUrl, 11);
  await expect(devPage.getByText("This renewal was completed on")).toBeVisible();
});
