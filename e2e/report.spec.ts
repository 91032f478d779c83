import { expect, test } from "@playwright/test";
import { createWorkspaceAndCase, personPage, tickAllTasks, uniqueTag, uploadNewCertificates } from "./support";

test("the audit trail filters and exports, and the report for auditors prints the whole case", async ({ browser }) => {
  const tag = uniqueTag();
  const ta = `ta-${tag}@customer.test`;
  const ra = `ra-${tag}@partner.test`;
  const page = await personPage(browser, ta);
  const caseUrl = await createWorkspaceAndCase(page, tag, {
    title: `Report ${tag}`,
    acceptsBoth: true,
    tenantAdmins: ta,
    receiverAdmins: ra,
    integrationDevelopers: ta,
  });
  await uploadNewCertificates(page, caseUrl);
  const raPage = await personPage(browser, ra);
  await tickAllTasks(raPage, caseUrl, 3);

  await page.goto(`${caseUrl}?role=RECEIVER_ADMIN&kind=checklist`);
  const trail = page.getByRole("list", { name: "Audit trail" });
  await expect(trail.locator("li")).toHaveCount(3);
  await expect(trail).toContainText("Receiver task done");
  await expect(trail).not.toContainText("Case created");

  const csv = await page.request.get(`${caseUrl}/audit?format=csv&kind=certificate`);
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain('"certificate.uploaded"');
  const json = (await (await page.request.get(`${caseUrl}/audit?format=json`)).json()) as {
    events: { kind: string }[];
  };
  expect(json.events.map((event) => event.kind)).toContain("step.completed");

  await page.goto(`${caseUrl}/report`);
  const report = page.getByTestId("case-report");
  await expect(report.getByRole("heading", { name: `Report ${tag}` })).toBeVisible();
  await expect(report.getByRole("img", { name: /Swimlane of procedure A/ })).toBeVisible();
  await expect(report).toContainText("Steps — who, when, how");
  await expect(report.getByTestId("certificate-leaf")).toBeVisible();
  await expect(report).toContainText("Complete audit trail");
  await expect(report.getByRole("button")).toHaveCount(0);
  const pdf = await page.pdf({ format: "A4" });
  expect(pdf.byteLength).toBeGreaterThan(10_000);

  // Another workspace's member cannot open the report.
  const stranger = await personPage(browser, `stranger-${tag}@elsewhere.test`);
  expect((await stranger.goto(`${caseUrl}/report`))?.status()).toBe(404);
  expect((await stranger.request.get(`${caseUrl}/audit?format=json`)).status()).toBe(404);
});
