import { afterEach, describe, expect, it, vi } from "vitest";
import { webcrypto } from "node:crypto";
import { db } from "@/lib/db";
import { submitNewCertificates } from "@/lib/workflow/store/inputs/new-certificates";
import { latestUploads } from "@/lib/certificates/queries/case-certificates";
import { checkFingerprint } from "@/lib/certificates/store/fingerprint-check";
import { chainDownload } from "@/lib/certificates/store/downloads";
import { makeCert, makeCurrentChain, part, pems } from "../../support/certificates";
import { footprint, makeCase } from "../factories";

const DAY = 86_400_000;

afterEach(() => vi.restoreAllMocks());

async function pkcs8Pem() {
  const pair = (await webcrypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  const body = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", pair.privateKey)).toString("base64");
  return {
    body,
    pem: `-----BEGIN PRIVATE KEY-----\n${body.match(/.{1,64}/g)!.join("\n")}\n-----END PRIVATE KEY-----\n`,
  };
}

describe("step 1 certificate intake", () => {
  it("refuses an upload with a private key: nothing stored, logged or echoed", async () => {
    const { caseId, tenantAdmin } = await makeCase();
    const chain = await makeCurrentChain("Key");
    const key = await pkcs8Pem();
    const logged: string[] = [];
    for (const method of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, method).mockImplementation(
        (...args: unknown[]) => void logged.push(args.map(String).join(" ")),
      );
    }
    const before = await footprint(caseId);
    const outcome = await submitNewCertificates({
      caseId,
      actorId: tenantAdmin.id,
      newLeaf: [part(chain.leaf.pem + key.pem, "client-with-key.pem")],
      newRoot: [part(chain.root.pem)],
      earlyErrors: [],
      warningsAcknowledged: true,
    });
    expect(outcome.status).toBe("rejected");
    expect(outcome.result.errors.map((error) => error.code)).toEqual(["PRIVATE_KEY_PRESENT"]);
    expect(outcome.result.certificates).toEqual([]);
    const echoed = JSON.stringify(outcome);
    for (const fragment of [key.body.slice(0, 40), key.body.slice(-40), "PRIVATE KEY-----\n"]) {
      expect(echoed).not.toContain(fragment);
      expect(logged.join("\n")).not.toContain(fragment);
    }
    expect(await footprint(caseId)).toEqual(before);
    expect(await db().certificateUpload.count({ where: { caseId } })).toBe(0);
    expect(await db().storedCertificate.count({ where: { caseId } })).toBe(0);
  });

  it("refuses an invalid chain with its findings and stores nothing", async () => {
    const { caseId, tenantAdmin } = await makeCase();
    const chain = await makeCurrentChain("Bad");
    const weak = await makeCert({
      subject: "CN=sha1 client",
      issuer: chain.intermediate,
      signingHash: "SHA-1",
      notBefore: new Date(Date.now() - DAY),
      notAfter: new Date(Date.now() + 90 * DAY),
    });
    const before = await footprint(caseId);
    const outcome = await submitNewCertificates({
      caseId,
      actorId: tenantAdmin.id,
      newLeaf: [part(pems(weak, chain.intermediate))],
      newRoot: [part(chain.root.pem)],
      earlyErrors: [],
      warningsAcknowledged: true,
    });
    expect(outcome.status).toBe("rejected");
    expect(outcome.result.errors.map((error) => error.code)).toContain("WEAK_SIGNATURE_ALGORITHM");
    expect(await footprint(caseId)).toEqual(before);
    expect(await db().certificateUpload.count({ where: { caseId } })).toBe(0);
  });

  it("asks for warnings to be acknowledged before storing, then stores and completes step 1", async () => {
    const { caseId, tenantAdmin } = await makeCase();
    const chain = await makeCurrentChain("Soon");
    const soon = await makeCert({
      subject: "CN=soon client",
      issuer: chain.intermediate,
      notBefore: new Date(Date.now() - DAY),
      notAfter: new Date(Date.now() + 10 * DAY),
    });
    const submission = {
      caseId,
      actorId: tenantAdmin.id,
      newLeaf: [part(pems(soon, chain.intermediate))],
      newRoot: [part(chain.root.pem)],
      earlyErrors: [],
    };
    const before = await footprint(caseId);
    const first = await submitNewCertificates({ ...submission, warningsAcknowledged: false });
    expect(first.status).toBe("needs-acknowledgement");
    expect(first.result.warnings.map((warning) => warning.code)).toContain("EXPIRES_SOON");
    expect(await footprint(caseId)).toEqual(before);

    const second = await submitNewCertificates({ ...submission, warningsAcknowledged: true });
    expect(second.status).toBe("stored");
    const stored = (await latestUploads(caseId)).NEW!;
    expect(stored.warningsAcknowledged).toBe(true);
    expect(stored.certificates.map((certificate) => certificate.role)).toEqual(["leaf", "intermediate", "root"]);
    expect(stored.chain.map((link) => link.role)).toEqual(["leaf", "intermediate", "root"]);
    const step1 = await db().step.findUniqueOrThrow({ where: { caseId_number: { caseId, number: 1 } } });
    expect(step1.status).toBe("DONE");
    const event = await db().auditEvent.findFirstOrThrow({ where: { caseId, kind: "certificate.uploaded" } });
    expect(event.data).toMatchObject({ set: "NEW", warnings: ["EXPIRES_SOON"], warningsAcknowledged: true });
  });

  it("refuses the upload from someone who is not the tenant administrator, storing nothing", async () => {
    const { caseId, receiverAdmin } = await makeCase();
    const chain = await makeCurrentChain("Role");
    await expect(
      submitNewCertificates({
        caseId,
        actorId: receiverAdmin.id,
        newLeaf: [part(pems(chain.leaf, chain.intermediate))],
        newRoot: [part(chain.root.pem)],
        earlyErrors: [],
        warningsAcknowledged: true,
      }),
    ).rejects.toMatchObject({ code: "NOT_YOUR_ROLE" });
    expect(await db().certificateUpload.count({ where: { caseId } })).toBe(0);
  });

  it("hands the certificates over to the receiver administrator as attachments with fingerprints", async () => {
    const { caseId, tenantAdmin, receiverAdmin } = await makeCase();
    const chain = await makeCurrentChain("Handover");
    await submitNewCertificates({
      caseId,
      actorId: tenantAdmin.id,
      newLeaf: [part(pems(chain.leaf, chain.intermediate))],
      newRoot: [part(chain.root.pem)],
      earlyErrors: [],
      warningsAcknowledged: true,
    });
    const mail = await db().outgoingMail.findFirstOrThrow({
      where: { caseId, toAddress: receiverAdmin.email, subject: { contains: "step 3 is yours" } },
    });
    const attachments = mail.attachments as { filename: string; content: string }[];
    expect(attachments.map((attachment) => attachment.filename)).toEqual([
      "new-client-certificate.pem",
      "new-root-ca.pem",
    ]);
    expect(attachments[1]!.content).toBe(chain.root.pem.replace(/\r\n/g, "\n").trimEnd() + "\n");
    const stored = (await latestUploads(caseId)).NEW!;
    for (const certificate of stored.certificates.filter((c) => c.role !== "intermediate"))
      expect(mail.text).toContain(certificate.fingerprints.sha256);
  });

  it("checks a pasted fingerprint and records the check; downloads are recorded too", async () => {
    const { caseId, tenantAdmin, receiverAdmin } = await makeCase();
    await submitNewCertificates({
      ...(await (async () => {
        const chain = await makeCurrentChain("Print");
        return { newLeaf: [part(pems(chain.leaf, chain.intermediate))], newRoot: [part(chain.root.pem)] };
      })()),
      caseId,
      actorId: tenantAdmin.id,
      earlyErrors: [],
      warningsAcknowledged: true,
    });
    const root = (await latestUploads(caseId)).NEW!.certificates.find((certificate) => certificate.role === "root")!;
    expect(await checkFingerprint(receiverAdmin.id, caseId, root.fingerprints.sha256.toLowerCase())).toMatchObject({
      matched: true,
      role: "root",
    });
    expect(await checkFingerprint(receiverAdmin.id, caseId, "SHA1 Fingerprint=" + "AB:".repeat(19) + "AB")).toEqual({
      matched: false,
    });
    await expect(checkFingerprint(receiverAdmin.id, caseId, "not a fingerprint")).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    const p7b = await chainDownload(receiverAdmin.id, caseId, "p7b");
    expect(p7b.filename).toBe("new-certificate-chain.p7b");
    expect((p7b.body as Uint8Array)[0]).toBe(0x30);
    const events = await db().auditEvent.findMany({
      where: { caseId, kind: { in: ["certificate.fingerprint_checked", "certificate.downloaded"] } },
    });
    expect(events.map((event) => event.kind).sort()).toEqual([
      "certificate.downloaded",
      "certificate.fingerprint_checked",
      "certificate.fingerprint_checked",
    ]);
  });
});
