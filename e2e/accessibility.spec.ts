import { expect, test, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { formatWallTimeText } from "../lib/time/zones";
import {
  confirmAlias,
  confirmAllCells,
  createWorkspaceAndCase,
  createWorkspaceAndProcedureCase,
  latestLinkInMailbox,
  markDone,
  personPage,
  recordOldRoot,
  tickAllTasks,
  uniqueTag,
  uploadNewCertificates,
} from "./support";

/**
 * No serious or critical axe violation on any page, signed in as each role, at every stage of both procedures.
 * Each page is checked where a person would be: after the step that changed it.
 */
const checked: string[] = [];

async function expectAccessible(page: Page, what: string): Promise<void> {
  await page.waitForLoadState("networkidle");
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  const blocking = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.nodes
          .map((node) => node.target.join(" "))
          .slice(0, 3)
          .join(" | ")}`,
    );
  checked.push(what);
  expect(blocking, `${what} at ${page.url()}`).toEqual([]);
}

/** Every section of the case, as this person. */
async function checkCase(page: Page, caseUrl: string, who: string, stage: string): Promise<void> {
  for (const section of ["", "/certificates", "/mail", "/audit"]) {
    await page.goto(`${caseUrl}${section}`);
    await expectAccessible(page, `${who}, ${stage}, case${section || " steps"}`);
  }
  await page.goto("/inbox");
  await expectAccessible(page, `${who}, ${stage}, inbox`);
}

test.afterAll(() => console.log(`accessibility: ${checked.length} pages checked, 0 serious or critical violations`));

test("the pages before and around sign-in, and the pages every person has", async ({ browser, page }) => {
  for (const path of ["/signin", "/signin/check-email", "/signin/error?error=Verification", "/dev/mailbox"]) {
    await page.goto(path);
    await expectAccessible(page, `signed out, ${path}`);
  }
  const tag = uniqueTag();
  const owner = await personPage(browser, `owner-${tag}@customer.test`);
  await owner.goto("/welcome");
  await expectAccessible(owner, "new person, welcome");
  await createWorkspaceAndCase(owner, tag, {
    title: `A11y pages ${tag}`,
    acceptsBoth: true,
    tenantAdmins: `owner-${tag}@customer.test`,
    receiverAdmins: `ra-${tag}@partner.test`,
    integrationDevelopers: `owner-${tag}@customer.test`,
  });
  for (const path of ["/cases", "/cases/new", "/overview"]) {
    await owner.goto(path);
    await expectAccessible(owner, `owner, ${path}`);
  }
  const message = await latestLinkInMailbox(
    owner,
    `ra-${tag}@partner.test`,
    "you have been added",
    /\/mail\/opt-out\//,
  );
  await owner.goto(message);
  await expectAccessible(owner, "invited person, refusal of mail");
  await owner.goto(`/dev/mailbox?to=${encodeURIComponent(`ra-${tag}@partner.test`)}`);
  await owner
    .getByRole("link", { name: /you have been added/ })
    .first()
    .click();
  await expectAccessible(owner, "mailbox message");
});

test("procedure A at every stage, as each person", async ({ browser }) => {
  test.setTimeout(300_000);
  const tag = uniqueTag();
  const ta = `ta-${tag}@customer.test`;
  const ra = `ra-${tag}@partner.test`;
  const dev = `dev-${tag}@customer.test`;
  const taPage = await personPage(browser, ta);
  const caseUrl = await createWorkspaceAndCase(taPage, tag, {
    title: `A11y A ${tag}`,
    acceptsBoth: true,
    tenantAdmins: ta,
    receiverAdmins: ra,
    integrationDevelopers: dev,
  });
  const raPage = await personPage(browser, ra);
  const devPage = await personPage(browser, dev);
  const people = [
    ["tenant administrator", taPage],
    ["receiver administrator", raPage],
    ["integration developer", devPage],
  ] as const;
  const everyone = async (stage: string) => {
    for (const [who, page] of people) await checkCase(page, caseUrl, who, stage);
  };

  await everyone("step 1 ready");
  await uploadNewCertificates(taPage, caseUrl);
  await everyone("step 3 ready");
  // The one-click confirmation from the mail, before it is used.
  const link = await latestLinkInMailbox(raPage, ra, "step 3 is yours", /\/a\/[A-Za-z0-9_-]{43}$/);
  await raPage.goto(link);
  await expectAccessible(raPage, "receiver administrator, action link");
  await tickAllTasks(raPage, caseUrl, 3);
  await everyone("step 5 ready");
  await confirmAlias(taPage, caseUrl, 5, "s4_client");
  await everyone("step 7 ready");
  await confirmAllCells(devPage, caseUrl, 7);
  await everyone("step 9 ready");
  await recordOldRoot(raPage, caseUrl, 9, { oldClientCertificate: true });
  await everyone("completed");
  await taPage.goto(`${caseUrl}/report`);
  await expectAccessible(taPage, "tenant administrator, report");
});

test("procedure B at every stage, as each person", async ({ browser }) => {
  test.setTimeout(300_000);
  const tag = uniqueTag();
  const ta = `ta-${tag}@customer.test`;
  const ra = `ra-${tag}@partner.test`;
  const dev = `dev-${tag}@customer.test`;
  const taPage = await personPage(browser, ta, { timezoneId: "Europe/Berlin" });
  const caseUrl = await createWorkspaceAndCase(taPage, tag, {
    title: `A11y B ${tag}`,
    acceptsBoth: false,
    tenantAdmins: ta,
    receiverAdmins: ra,
    integrationDevelopers: dev,
    landscape: "SAP_WEB_DISPATCHER_ABAP",
  });
  const raPage = await personPage(browser, ra, { timezoneId: "America/New_York" });
  const devPage = await personPage(browser, dev);
  const people = [
    ["tenant administrator", taPage],
    ["receiver administrator", raPage],
    ["integration developer", devPage],
  ] as const;
  const everyone = async (stage: string) => {
    for (const [who, page] of people) await checkCase(page, caseUrl, who, stage);
  };

  await uploadNewCertificates(taPage, caseUrl);
  await everyone("step 2 ready (joint)");
  // A window far enough ahead that it waits: the scheduled step, then started early.
  const start = new Date(Math.ceil((Date.now() + 3 * 86_400_000) / 60_000) * 60_000);
  await taPage.goto(caseUrl);
  const window = taPage.getByTestId("step-2").getByRole("group", { name: "Window 1" });
  await window.getByLabel(/^Start/).fill(formatWallTimeText(start, "Europe/Berlin"));
  await window.getByLabel(/^End/).fill(formatWallTimeText(new Date(start.getTime() + 3_600_000), "Europe/Berlin"));
  await taPage.getByTestId("step-2").getByRole("button", { name: "Propose" }).click();
  await expect(taPage.getByTestId("step-2").locator("li[data-status=OPEN]")).toHaveCount(1);
  await everyone("window proposed");
  await raPage.goto(caseUrl);
  await raPage.getByTestId("step-2").getByRole("button", { name: "Accept this window" }).click();
  await expect(raPage.getByTestId("step-3")).toHaveAttribute("data-status", "READY");
  await everyone("step 3 scheduled");
  await taPage.goto(caseUrl);
  await taPage.getByTestId("step-3").getByRole("checkbox").check();
  await taPage.getByTestId("step-3").getByRole("button", { name: "Start step 3 now" }).click();
  await expect(taPage.getByTestId("step-3")).toHaveAttribute("data-status", "DONE");
  await everyone("step 4 ready");
  await confirmAllCells(devPage, caseUrl, 4);
  await confirmAlias(taPage, caseUrl, 6, "s4_client");
  await everyone("step 8 ready");
  await tickAllTasks(raPage, caseUrl, 8);
  await recordOldRoot(raPage, caseUrl, 8);
  await everyone("step 11 ready");
  await confirmAllCells(devPage, caseUrl, 11);
  await everyone("completed");
});

test("a whole procedure A by keyboard alone", async ({ browser }) => {
  test.setTimeout(300_000);
  const tag = uniqueTag();
  const ta = `kb-ta-${tag}@customer.test`;
  const ra = `kb-ra-${tag}@partner.test`;
  const dev = `kb-dev-${tag}@customer.test`;
  const taPage = await personPage(browser, ta);
  const caseUrl = await createWorkspaceAndCase(taPage, tag, {
    title: `Keyboard ${tag}`,
    acceptsBoth: true,
    tenantAdmins: ta,
    receiverAdmins: ra,
    integrationDevelopers: dev,
  });
  const { makeCurrentChain, pems } = await import("../tests/support/certificates");
  const chain = await makeCurrentChain(`Keyboard ${tag}`);

  // Step 1: the PEM text typed into the fields, the form sent with the keyboard.
  await taPage.goto(caseUrl);
  const upload = taPage.getByTestId("step-1");
  await tabTo(taPage, upload.getByLabel("or paste PEM text").first());
  await taPage.keyboard.insertText(pems(chain.leaf, chain.intermediate));
  await tabTo(taPage, upload.getByLabel("or paste PEM text").nth(1));
  await taPage.keyboard.insertText(chain.root.pem);
  await tabTo(taPage, upload.getByRole("button", { name: "Check and upload" }));
  await taPage.keyboard.press("Enter");
  await expect(upload).toHaveAttribute("data-status", "DONE");

  // Step 3: every receiver task ticked with Enter on its button.
  const raPage = await personPage(browser, ra);
  await raPage.goto(caseUrl);
  const tasks = raPage.getByTestId("step-3").getByRole("button", { name: "Mark done" });
  for (let remaining = await tasks.count(); remaining > 0; remaining -= 1) {
    await tabTo(raPage, tasks.first());
    await raPage.keyboard.press("Enter");
    await expect(tasks).toHaveCount(remaining - 1);
  }
  await expect(raPage.getByTestId("step-3")).toHaveAttribute("data-status", "DONE");

  // Step 5: the alias typed, sent with Enter.
  await taPage.goto(caseUrl);
  await tabTo(taPage, taPage.getByTestId("step-5").getByLabel("Alias under which the new key pair was imported"));
  await taPage.keyboard.type("s4_client");
  await tabTo(
    taPage,
    taPage.getByTestId("step-5").getByRole("button", { name: "Confirm the import under this alias" }),
  );
  await taPage.keyboard.press("Enter");
  await expect(taPage.getByTestId("step-5")).toHaveAttribute("data-status", "DONE");

  // Step 7: every cell ticked with Space.
  const devPage = await personPage(browser, dev);
  await devPage.goto(caseUrl);
  const grid = devPage.getByTestId("step-7");
  for (const box of await grid.getByRole("checkbox").all()) {
    await tabTo(devPage, box);
    await devPage.keyboard.press("Space");
  }
  await tabTo(devPage, grid.getByRole("button", { name: "Confirm the ticked flows and nodes" }));
  await devPage.keyboard.press("Enter");
  await expect(grid).toHaveAttribute("data-status", "DONE");

  // Step 9: the decision with arrow keys and typing.
  await raPage.goto(caseUrl);
  const last = raPage.getByTestId("step-9");
  await tabTo(raPage, last.getByLabel("The old client certificate was removed from the receiver."));
  await raPage.keyboard.press("Space");
  await tabTo(raPage, last.getByLabel("removed", { exact: true }));
  await raPage.keyboard.press("Space");
  await tabTo(raPage, last.getByLabel("Why"));
  await raPage.keyboard.type("No other connection uses it");
  await tabTo(raPage, last.getByRole("button", { name: "Record the decision" }));
  await raPage.keyboard.press("Enter");
  await expect(raPage.getByText("This renewal was completed on")).toBeVisible();
});

/** Presses Tab (from the top of the page) until the element has the focus: it must be reachable by keyboard. */
async function tabTo(page: Page, target: ReturnType<Page["locator"]>): Promise<void> {
  await target.waitFor();
  const handle = await target.elementHandle();
  await page.locator("body").evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (let presses = 0; presses < 400; presses += 1) {
    if (await handle!.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("the element could not be reached with the Tab key");
}

test("the new-case form for every choice, and the other procedures at their own steps", async ({ browser }) => {
  test.setTimeout(300_000);
  const tag = uniqueTag();
  const ta = `ta-${tag}@customer.test`;
  const sa = `sa-${tag}@sender.test`;
  const lba = `lba-${tag}@provider.test`;
  const taPage = await personPage(browser, ta);
  const caseUrl = await createWorkspaceAndProcedureCase(taPage, tag, {
    title: `A11y LB ${tag}`,
    renews: "The load balancer's server certificate",
    system: { label: "Sender system", name: "Warehouse" },
    people: { "Tenant administrator(s)": ta, "Sender administrator(s)": sa, "Load balancer administrator(s)": lba },
  });
  // The form as each answer shapes it, and with every problem reported at once.
  await taPage.goto("/cases/new");
  for (const answer of [
    /^The tenant's own client certificate/,
    /^A receiver's server certificate/,
    /^The load balancer's server certificate/,
    /^A sender's client certificate/,
  ]) {
    await taPage.getByRole("radio", { name: answer }).check();
    await expectAccessible(taPage, `tenant administrator, new case, ${answer.source}`);
  }
  await taPage.getByRole("button", { name: "Create case" }).click();
  await expect(taPage.getByText("Enter the e-mail address of at least one sender administrator.")).toBeVisible();
  await expectAccessible(taPage, "tenant administrator, new case with problems");

  const lbaPage = await personPage(browser, lba);
  await checkCase(lbaPage, caseUrl, "load balancer administrator", "step 1 ready");
  await uploadNewCertificates(lbaPage, caseUrl, { purpose: "server" });
  await lbaPage.goto(caseUrl);
  await lbaPage.getByRole("button", { name: "Announce the cut-over" }).click();
  await expect(lbaPage.getByText("Enter when the load balancer switches.").first()).toBeVisible();
  await expectAccessible(lbaPage, "load balancer administrator, cut-over form with a problem");
  await lbaPage.getByLabel(/^Cut-over time/).fill(formatWallTimeText(new Date(Date.now() + 3 * 86_400_000), "UTC"));
  await lbaPage.getByRole("button", { name: "Announce the cut-over" }).click();
  await expect(lbaPage.getByTestId("cut-over")).toBeVisible();
  const saPage = await personPage(browser, sa);
  await checkCase(saPage, caseUrl, "sender administrator", "step 4 ready");
  await markDone(saPage, caseUrl, "4");
  await checkCase(lbaPage, caseUrl, "load balancer administrator", "step 5 ready");
});
