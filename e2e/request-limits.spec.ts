import { expect, test, type Page } from "@playwright/test";
import { createWorkspaceAndCase, personPage, uniqueTag } from "./support";
import { formData, hiddenFormFields } from "./forms";
import { makeCurrentChain } from "../tests/support/certificates";

const KIB = 1024;
const TOO_LARGE =
  /^Request too large: at most \d+ KiB are accepted here, and a certificate file may be at most 64 KiB\. Nothing was stored\.$/;

/** A signed-in tenant administrator on a fresh case whose step 1 (the certificate upload) is ready. */
async function caseAwaitingUpload(browser: import("@playwright/test").Browser) {
  const tag = uniqueTag();
  const email = `limits-${tag}@customer.test`;
  const page = await personPage(browser, email);
  const caseUrl = await createWorkspaceAndCase(page, tag, {
    title: `Limits ${tag}`,
    acceptsBoth: true,
    tenantAdmins: email,
    receiverAdmins: `ra-${tag}@partner.test`,
    integrationDevelopers: email,
  });
  const base = new URL(page.url()).origin;
  const cookie = (await page.context().cookies()).map((entry) => `${entry.name}=${entry.value}`).join("; ");
  return { page, caseUrl, base, cookie };
}

async function expectStepOneStillReady(page: Page, caseUrl: string): Promise<void> {
  await page.goto(caseUrl);
  await expect(page.getByTestId("step-1")).toHaveAttribute("data-status", "READY");
  await page.goto(`${caseUrl}/certificates`);
  await expect(page.getByText("The new certificates arrive with step 1.")).toBeVisible();
}

/** The same bytes without a Content-Length (chunked), as a client that does not declare the size sends them. */
async function chunked(form: FormData): Promise<{ body: ReadableStream<Uint8Array>; type: string }> {
  const encoded = new Response(form);
  const bytes = new Uint8Array(await encoded.arrayBuffer());
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let at = 0; at < bytes.length; at += 64 * KIB) controller.enqueue(bytes.slice(at, at + 64 * KIB));
      controller.close();
    },
  });
  return { body, type: encoded.headers.get("content-type")! };
}

test("oversized bodies are refused with a plain message and store nothing", async ({ browser }) => {
  const { page, caseUrl, base, cookie } = await caseAwaitingUpload(browser);
  const step = page.getByTestId("step-1");

  // In the browser: one file over 64 KiB is refused by the upload itself; a file over the whole form's limit
  // is refused before the action runs, and the page says why.
  await step
    .locator('input[name="newLeafFile"]')
    .setInputFiles({ name: "big.pem", mimeType: "application/x-pem-file", buffer: Buffer.alloc(100 * KIB, "A") });
  await step.getByRole("button", { name: "Check and upload" }).click();
  await expect(page.getByTestId("upload-errors")).toContainText("FILE_TOO_LARGE");
  await step
    .locator('input[name="newLeafFile"]')
    .setInputFiles({ name: "huge.pem", mimeType: "application/x-pem-file", buffer: Buffer.alloc(2048 * KIB, "A") });
  await step.getByRole("button", { name: "Check and upload" }).click();
  await expect(page.getByRole("heading", { name: "The server refused this request" })).toBeVisible();
  await expect(page.getByTestId("request-refused").getByRole("alert")).toHaveText(TOO_LARGE);
  await expectStepOneStillReady(page, caseUrl);

  // The step-1 form posted directly, with a declared size over the limit and with an undeclared one.
  const fields = hiddenFormFields(await (await page.request.get(caseUrl)).text(), 'name="newLeafText"');
  const oversized = () => formData(fields, { newLeafText: "A".repeat(1400 * KIB), newRootText: "B" });
  const declared = await fetch(`${base}${caseUrl}`, {
    method: "POST",
    body: oversized(),
    headers: { cookie, origin: base },
  });
  expect(declared.status).toBe(413);
  expect(await declared.text()).toMatch(TOO_LARGE);
  const undeclared = await chunked(oversized());
  const streamed = await fetch(`${base}${caseUrl}`, {
    method: "POST",
    body: undeclared.body,
    duplex: "half",
    headers: { cookie, origin: base, "content-type": undeclared.type },
  } as RequestInit);
  expect(streamed.status).toBe(500); // Next.js's own limit: it stops reading and answers with a bare error
  expect(await streamed.text()).not.toContain("A".repeat(1000));
  await expectStepOneStillReady(page, caseUrl);

  // The validation endpoint counts the bytes it reads: refused whether or not the size is declared.
  const validation = () =>
    formData([], {
      leaf: new Blob([Buffer.alloc(700 * KIB, "A")]),
      root: new Blob([Buffer.alloc(700 * KIB, "B")]),
      oldLeaf: new Blob([Buffer.alloc(700 * KIB, "C")]),
      oldRoot: new Blob([Buffer.alloc(700 * KIB, "D")]),
    });
  const validateDeclared = await fetch(`${base}/api/v1/certificates/validate`, {
    method: "POST",
    body: validation(),
    headers: { cookie },
  });
  expect(validateDeclared.status).toBe(413);
  expect(await validateDeclared.text()).toMatch(TOO_LARGE);
  const validateBody = await chunked(validation());
  const validateStreamed = await fetch(`${base}/api/v1/certificates/validate`, {
    method: "POST",
    body: validateBody.body,
    duplex: "half",
    headers: { cookie, "content-type": validateBody.type },
  } as RequestInit);
  expect(validateStreamed.status).toBe(413);
  expect(await validateStreamed.text()).toMatch(TOO_LARGE);

  // Auth.js's endpoints take small forms only.
  const signInBody = await chunked(
    formData([], { email: "someone@example.test", callbackUrl: `/${"x".repeat(20 * KIB)}` }),
  );
  const signIn = await fetch(`${base}/api/auth/signin/nodemailer`, {
    method: "POST",
    body: signInBody.body,
    duplex: "half",
    headers: { "content-type": signInBody.type },
  } as RequestInit);
  expect(signIn.status).toBe(413);
  expect(await signIn.text()).toMatch(TOO_LARGE);
});

test("a server action posted from another origin is refused; from the app's own origin it works", async ({
  browser,
}) => {
  const { page, caseUrl, base, cookie } = await caseAwaitingUpload(browser);
  const chain = await makeCurrentChain(`Origin ${uniqueTag()}`);
  const fields = hiddenFormFields(await (await page.request.get(caseUrl)).text(), 'name="newLeafText"');
  const upload = () =>
    formData(fields, {
      newLeafText: chain.leaf.pem + chain.intermediate.pem,
      newRootText: chain.root.pem,
      acknowledge: "yes",
    });

  const foreign = await fetch(`${base}${caseUrl}`, {
    method: "POST",
    body: upload(),
    headers: { cookie, origin: "https://attacker.example" },
    redirect: "manual",
  });
  expect(foreign.status).toBe(500);
  await expectStepOneStillReady(page, caseUrl);

  const own = await fetch(`${base}${caseUrl}`, {
    method: "POST",
    body: upload(),
    headers: { cookie, origin: base },
    redirect: "manual",
  });
  expect(own.status).toBe(200);
  await page.goto(caseUrl);
  await expect(page.getByTestId("step-1")).toHaveAttribute("data-status", "DONE");
});
