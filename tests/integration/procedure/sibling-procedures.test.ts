import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { mailWorkerIdle } from "@/lib/mail/store/delivery";
import { announceCutOver } from "@/lib/workflow/store/inputs/cut-over";
import { switchToSameCa } from "@/lib/workflow/store/switch-procedure";
import { checkDueCutOvers } from "@/lib/workflow/store/cut-over-check";
import { completeStep } from "@/lib/workflow/store/complete-step";
import { submitNewCertificates } from "@/lib/workflow/store/inputs/new-certificates";
import { readOldCertificates } from "@/lib/certificates/old-certificates";
import { storeUpload } from "@/lib/certificates/store/uploads";
import { footprint, makeCase, uploadNewCertificates } from "../factories";
import { makeCurrentChain, part, pems } from "../../support/certificates";

const DAY = 86_400_000;

async function refusal(run: () => Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await run();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected a refusal");
}

/** The load balancer case at its announcement: the new server certificate uploaded by the operator. */
async function announcing() {
  const made = await makeCase({ procedure: "LOAD_BALANCER_SERVER" });
  await uploadNewCertificates(made.caseId, made.loadBalancerAdmin.id, "server");
  return made;
}

describe("the load balancer's cut-over", () => {
  it.each([
    ["in the past", -DAY, "at least an hour from now"],
    ["in ten minutes", 10 * 60_000, "at least an hour from now"],
    ["more than a year ahead", 400 * DAY, "at most a year from now"],
  ])("is refused %s, and nothing is stored", async (_when, offset, message) => {
    const made = await announcing();
    const before = await footprint(made.caseId);
    const refused = await refusal(() =>
      announceCutOver(made.loadBalancerAdmin.id, made.caseId, 2, new Date(Date.now() + offset)),
    );
    expect(refused.code).toBe("VALIDATION_FAILED");
    expect(refused.message).toContain(message);
    expect(await footprint(made.caseId)).toEqual(before);
    expect((await db().case.findUniqueOrThrow({ where: { id: made.caseId } })).cutOverAt).toBeNull();
  });

  it("is announced by the load balancer administrator only", async () => {
    const made = await announcing();
    const before = await footprint(made.caseId);
    for (const person of [made.tenantAdmin, made.senderAdmin, made.owner]) {
      expect(
        (await refusal(() => announceCutOver(person.id, made.caseId, 2, new Date(Date.now() + 2 * DAY)))).code,
      ).toBe("NOT_YOUR_ROLE");
    }
    expect(await footprint(made.caseId)).toEqual(before);
  });

  it("passes the time and the new root on to the sender administrator at once", async () => {
    const made = await announcing();
    const at = new Date(Date.now() + 3 * DAY);
    at.setUTCSeconds(0, 0);
    await announceCutOver(made.loadBalancerAdmin.id, made.caseId, 2, at, "Maintenance window 42");
    const found = await db().case.findUniqueOrThrow({
      where: { id: made.caseId },
      select: { cutOverAt: true, steps: { orderBy: { number: "asc" }, select: { number: true, status: true } } },
    });
    expect(found.cutOverAt).toEqual(at);
    expect(found.steps.map((step) => step.status)).toEqual(["DONE", "DONE", "DONE", "READY", "BLOCKED", "BLOCKED"]);
    await mailWorkerIdle();
    const mail = await db().outgoingMail.findFirstOrThrow({
      where: { caseId: made.caseId, toAddress: made.senderAdmin.email, subject: { contains: "step 4 is yours" } },
    });
    expect(mail.text).toContain(
      `switches to its new certificate at ${at.toISOString().slice(0, 16).replace("T", " ")} UTC`,
    );
    expect(mail.text).toContain("Attached: the new root CA as PEM files");
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { caseId: made.caseId, kind: "step.completed", stepNumber: 2 },
    });
    expect(audit.data).toMatchObject({ cutOverAt: at.toISOString(), comment: "Maintenance window 42" });
  });
});

/** The certificate being replaced, as the new-case form stores it. */
async function withOldCertificate(made: Awaited<ReturnType<typeof makeCase>>) {
  const chain = await makeCurrentChain(`Old ${made.tag}`);
  const old = readOldCertificates([part(chain.leaf.pem)], [part(chain.root.pem)]);
  if (!old.ok) throw new Error("old certificates refused");
  await db().$transaction((tx) =>
    storeUpload(tx, { caseId: made.caseId, set: "OLD", uploadedById: made.owner.id, certificates: old.certificates }),
  );
  return made;
}

describe("a day before the cut-over", () => {
  async function announced(days: number) {
    const made = await announcing();
    const at = new Date(Date.now() + days * DAY);
    await announceCutOver(made.loadBalancerAdmin.id, made.caseId, 2, at);
    return { made, at };
  }
  const warnings = (caseId: string) =>
    db().outgoingMail.findMany({
      where: { caseId, subject: { contains: "is near and a step is still open" } },
      select: { toAddress: true },
    });

  it("warns everyone on the case and the owners once while the sender has not trusted the new root", async () => {
    const { made, at } = await announced(3);
    await checkDueCutOvers(new Date(at.getTime() - 2 * DAY)); // not yet due
    expect(await warnings(made.caseId)).toEqual([]);
    await checkDueCutOvers(new Date(at.getTime() - 23 * 3_600_000));
    const first = await warnings(made.caseId);
    expect(first.map((mail) => mail.toAddress).sort()).toEqual(
      [made.owner.email, made.tenantAdmin.email, made.senderAdmin.email, made.loadBalancerAdmin.email].sort(),
    );
    await checkDueCutOvers(new Date(at.getTime() - 22 * 3_600_000));
    expect(await warnings(made.caseId)).toHaveLength(first.length);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { caseId: made.caseId, kind: "cut_over.at_risk" } });
    expect(audit.data).toMatchObject({ openSteps: ["4"] });
  });

  it("says nothing when the sender is ready in time", async () => {
    const { made, at } = await announced(3);
    await completeStep({ caseId: made.caseId, stepNumber: 4, actorId: made.senderAdmin.id, channel: "WEB" });
    await checkDueCutOvers(new Date(at.getTime() - 23 * 3_600_000));
    expect(await warnings(made.caseId)).toEqual([]);
    expect((await db().case.findUniqueOrThrow({ where: { id: made.caseId } })).cutOverCheckedAt).not.toBeNull();
  });
});

describe("switching to the same-CA procedure", () => {
  it("relabels the steps, rewrites the receiver's tasks and records why", async () => {
    const made = await withOldCertificate(await makeCase({ variant: "A" }));
    await switchToSameCa(made.tenantAdmin.id, made.caseId);
    const found = await db().case.findUniqueOrThrow({
      where: { id: made.caseId },
      select: {
        procedure: true,
        steps: { where: { number: 9 }, select: { key: true } },
        checklist: { orderBy: { position: "asc" }, select: { label: true } },
      },
    });
    expect(found.procedure).toBe("TENANT_CLIENT_SAME_CA_BOTH");
    expect(found.steps[0]!.key).toBe("remove-old-certificate");
    expect(found.checklist.map((item) => item.label).join(" ")).not.toContain("root CA");
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { caseId: made.caseId, kind: "case.procedure_changed" },
    });
    expect(audit.data).toMatchObject({ from: "TENANT_CLIENT_NEW_CA_BOTH", to: "TENANT_CLIENT_SAME_CA_BOTH" });
  });

  it("needs the old certificate: without it nothing says the CA stays the same", async () => {
    const made = await makeCase({ variant: "A" });
    const before = await footprint(made.caseId);
    const refused = await refusal(() => switchToSameCa(made.tenantAdmin.id, made.caseId));
    expect(refused).toMatchObject({ code: "CONFLICT" });
    expect(refused.message).toContain("no old certificate");
    expect(await footprint(made.caseId)).toEqual(before);
  });

  it("is for whoever uploads the certificates, before anything is done, and only from a new-CA procedure", async () => {
    const made = await withOldCertificate(await makeCase({ variant: "B" }));
    const before = await footprint(made.caseId);
    expect((await refusal(() => switchToSameCa(made.receiverAdmin.id, made.caseId))).code).toBe("NOT_YOUR_ROLE");
    expect((await refusal(() => switchToSameCa(made.owner.id, made.caseId))).code).toBe("NOT_YOUR_ROLE");
    expect(await footprint(made.caseId)).toEqual(before);

    await uploadNewCertificates(made.caseId, made.tenantAdmin.id);
    const afterUpload = await footprint(made.caseId);
    expect((await refusal(() => switchToSameCa(made.tenantAdmin.id, made.caseId))).code).toBe("CONFLICT");
    expect(await footprint(made.caseId)).toEqual(afterUpload);
    expect((await db().case.findUniqueOrThrow({ where: { id: made.caseId } })).procedure).toBe(
      "TENANT_CLIENT_NEW_CA_DOWNTIME",
    );

    const sameCa = await withOldCertificate(await makeCase({ procedure: "TENANT_CLIENT_SAME_CA_BOTH" }));
    expect((await refusal(() => switchToSameCa(sameCa.tenantAdmin.id, sameCa.caseId))).code).toBe("CONFLICT");
  });
});

describe("each procedure's certificate", () => {
  it("refuses a client certificate where a server certificate belongs, and stores nothing", async () => {
    const made = await makeCase({ procedure: "RECEIVER_SERVER" });
    const chain = await makeCurrentChain(`RS ${made.tag}`, "client");
    const before = await footprint(made.caseId);
    const outcome = await submitNewCertificates({
      caseId: made.caseId,
      actorId: made.receiverAdmin.id,
      newLeaf: [part(pems(chain.leaf, chain.intermediate))],
      newRoot: [part(chain.root.pem)],
      earlyErrors: [],
      warningsAcknowledged: true,
    });
    expect(outcome.status).toBe("rejected");
    expect(outcome.result.errors.map((error) => error.code)).toEqual(["EKU_NO_SERVER_AUTH"]);
    expect(outcome.result.errors[0]!.message).toMatch(/^The server certificate/);
    expect(await footprint(made.caseId)).toEqual(before);
    expect(await db().certificateUpload.count({ where: { caseId: made.caseId } })).toBe(0);
  });
});
