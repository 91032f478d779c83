import { expect, test } from "@playwright/test";
import { webcrypto } from "node:crypto";
import { createWorkspaceAndCase, personPage, uniqueTag } from "./support";
import { makeCert, makeCurrentChain, pems } from "../tests/support/certificates";

const DAY = 86_400_000;

async function privateKeyPem(): Promise<{ pem: string; body: string }> {
  const pair = (await webcrypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  const body = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", pair.privateKey)).toString("base64");
  return {
    pem: `-----BEGIN PRIVATE KEY-----\n${body.match(/.{1,64}/g)!.join("\n")}\n-----END PRIVATE KEY-----\n`,
    body,
  };
}

test("step 1: two refused uploads store nothing, a good one is stored and handed over", async ({ browser }) => {
  const tag = uniqueTag();
  const ta = `ta-${tag}@customer.test`;
  const ra = `ra-${tag}@partner.test`;
  const page = await personPage(browser, ta);
  const caseUrl = await createWorkspaceAndCase(page, tag, {
    title: `Upload ${tag}`,
    acceptsBoth: true,
    tenantAdmins: ta,
    receiverAdmins: ra,
    integrationDevelopers: ta,
  });
  const step = page.getByTestId("step-1");
  const chain = await makeCurrentChain(`Upload ${tag}`);

  // 1. A certificate together with its private key: refused, and the key is not echoed back.
  const key = await privateKeyPem();
  await step
    .getByLabel("or paste PEM text")
    .first()
    .fill(chain.leaf.pem + key.pem);
  await step.getByLabel("or paste PEM text").nth(1).fill(chain.root.pem);
  await step.getByRole("button", { name: "Check and upload" }).click();
  await expect(page.getByTestId("upload-errors")).toContainText("PRIVATE_KEY_PRESENT");
  await expect(page.getByTestId("upload-errors")).toContainText("only the certificate");
  expect(await page.content()).not.toContain(key.body.slice(20, 80));
  await page.reload();
  expect(await page.content()).not.toContain(key.body.slice(20, 80));
  await expect(page.getByTestId("step-1")).toHaveAttribute("data-status", "READY");
  await page.goto(`${caseUrl}/certificates`);
  await expect(page.getByText("The new certificates arrive with step 1.")).toBeVisible();
  await page.goto(caseUrl);

  // 2. An expired client certificate from another CA than the uploaded root: refused with both findings.
  const expired = await makeCert({
    subject: "CN=expired client",
    issuer: chain.intermediate,
    notBefore: new Date(Date.now() - 400 * DAY),
    notAfter: new Date(Date.now() - DAY),
  });
  const otherRoot = (await makeCurrentChain("Other")).root;
  await step.getByLabel("or paste PEM text").first().fill(pems(expired, chain.intermediate));
  await step.getByLabel("or paste PEM text").nth(1).fill(otherRoot.pem);
  await step.getByRole("button", { name: "Check and upload" }).click();
  await expect(page.getByTestId("upload-errors")).toContainText("NOT_SIGNED_BY_ROOT");
  await expect(page.getByTestId("upload-errors")).toContainText("LEAF_EXPIRED");
  await page.reload();
  await expect(page.getByTestId("step-1")).toHaveAttribute("data-status", "READY");

  // 3. A good chain, as files: stored, step 1 done, the receiver administrator gets it.
  await step.locator('input[name="newLeafFile"]').setInputFiles([
    { name: "client.crt", mimeType: "application/x-x509-ca-cert", buffer: Buffer.from(chain.leaf.der) },
    { name: "issuing-ca.pem", mimeType: "application/x-pem-file", buffer: Buffer.from(chain.intermediate.pem) },
  ]);
  await step
    .locator('input[name="newRootFile"]')
    .setInputFiles({ name: "root.pem", mimeType: "application/x-pem-file", buffer: Buffer.from(chain.root.pem) });
  await step.getByRole("button", { name: "Check and upload" }).click();
  await expect(page.getByTestId("step-1")).toHaveAttribute("data-status", "DONE");
  await page.getByRole("navigation", { name: "Case sections" }).getByRole("link", { name: "Certificates" }).click();
  await expect(page).toHaveURL(new RegExp(`${caseUrl}/certificates$`));
  const panel = page.getByTestId("new-certificates");
  await expect(panel.getByTestId("chain")).toContainText("New client certificate");
  await expect(panel.getByTestId("certificate-leaf")).toContainText(`Upload ${tag} client`);
  const fingerprint = (await panel.getByTestId("certificate-root").getByTestId("sha256").textContent())!;

  // The receiver administrator compares the fingerprint and downloads the root.
  const raPage = await personPage(browser, ra);
  await raPage.goto(`${caseUrl}/certificates`);
  await raPage.getByLabel("Compare a fingerprint").fill(fingerprint.toLowerCase().replaceAll(":", ""));
  await raPage.getByRole("button", { name: "Compare" }).click();
  await expect(raPage.getByText("Match: this is the new root ca")).toBeVisible();
  const download = raPage.waitForEvent("download");
  await raPage.getByTestId("certificate-root").getByRole("link", { name: "Download PEM" }).click();
  expect((await download).suggestedFilename()).toBe("new-root-ca.pem");
  await raPage.getByRole("navigation", { name: "Case sections" }).getByRole("link", { name: "Audit trail" }).click();
  await expect(raPage.getByRole("link", { name: "Audit trail", exact: true })).toHaveAttribute("aria-current", "page");
  await expect(raPage.getByRole("list", { name: "Audit trail" })).toContainText(
    "Downloaded the root certificate as PEM",
  );
});
