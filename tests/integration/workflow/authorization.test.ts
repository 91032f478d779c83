import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { caseAccess, assertCanCreateCase } from "@/lib/auth/queries/access";
import { completeStep } from "@/lib/workflow/store/complete-step";
import { cancelCase } from "@/lib/workflow/store/cancel-case";
import { footprint, makeCase, makeUser, uniqueTag, uploadNewCertificates } from "../factories";

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal, but the call succeeded");
}

describe("who may act on a case", () => {
  it("refuses a participant whose role does not own the step, and writes nothing", async () => {
    const { caseId, receiverAdmin } = await makeCase();
    const before = await footprint(caseId);
    const error = await refusal(completeStep({ caseId, stepNumber: 1, actorId: receiverAdmin.id, channel: "WEB" }));
    expect(error.code).toBe("NOT_YOUR_ROLE");
    expect(error.message).toBe(
      "Step 1 belongs to the tenant administrator, and you do not hold that role on this case.",
    );
    expect(await footprint(caseId)).toEqual(before);
  });

  it("hides the case from someone outside its workspace (not found), and they cannot complete its steps", async () => {
    const { caseId } = await makeCase();
    const stranger = await makeUser(`stranger-${uniqueTag()}@elsewhere.test`);
    const before = await footprint(caseId);
    expect((await refusal(caseAccess(stranger.id, caseId))).code).toBe("NOT_FOUND");
    expect((await refusal(completeStep({ caseId, stepNumber: 1, actorId: stranger.id, channel: "WEB" }))).code).toBe(
      "NOT_YOUR_ROLE",
    );
    expect(await footprint(caseId)).toEqual(before);
  });

  it("hides a case from a guest of the workspace who does not take part in it", async () => {
    const first = await makeCase();
    const guest = await makeUser(`guest-${uniqueTag()}@partner.test`);
    await db().membership.create({ data: { workspaceId: first.workspaceId, userId: guest.id, role: "GUEST" } });
    expect((await refusal(caseAccess(guest.id, first.caseId))).code).toBe("NOT_FOUND");
    expect((await refusal(assertCanCreateCase(guest.id, first.workspaceId))).code).toBe("FORBIDDEN");
  });

  it("shows the case to members and participants with their roles", async () => {
    const { caseId, owner, receiverAdmin } = await makeCase();
    expect(await caseAccess(owner.id, caseId)).toMatchObject({ workspaceRole: "OWNER", roles: [] });
    expect(await caseAccess(receiverAdmin.id, caseId)).toMatchObject({
      workspaceRole: "GUEST",
      roles: ["RECEIVER_ADMIN"],
    });
  });

  it("refuses steps out of order and hand-overs that were already performed", async () => {
    const { caseId, tenantAdmin, receiverAdmin } = await makeCase();
    const before = await footprint(caseId);
    expect(
      (await refusal(completeStep({ caseId, stepNumber: 3, actorId: receiverAdmin.id, channel: "WEB" }))).code,
    ).toBe("STEP_NOT_READY");
    expect((await refusal(completeStep({ caseId, stepNumber: 5, actorId: tenantAdmin.id, channel: "WEB" }))).code).toBe(
      "STEP_NOT_READY",
    );
    expect(await footprint(caseId)).toEqual(before);
    await uploadNewCertificates(caseId, tenantAdmin.id);
    // the hand-over (step 2) was performed by the system together with step 1
    const handover = await refusal(completeStep({ caseId, stepNumber: 2, actorId: tenantAdmin.id, channel: "WEB" }));
    expect(handover.code).toBe("CONFLICT");
    expect(handover.message).toMatch(/^Step 2 was already done by someone else\. Nothing was changed\.$/);
  });

  it("refuses completing the upload step without its upload", async () => {
    const { caseId, tenantAdmin } = await makeCase();
    const before = await footprint(caseId);
    const error = await refusal(completeStep({ caseId, stepNumber: 1, actorId: tenantAdmin.id, channel: "WEB" }));
    expect(error.code).toBe("INPUT_REQUIRED");
    expect(await footprint(caseId)).toEqual(before);
  });

  it("refuses every step of a cancelled case", async () => {
    const { caseId, owner, tenantAdmin } = await makeCase();
    await cancelCase(owner, caseId, "Receiver decommissioned");
    const before = await footprint(caseId);
    expect((await refusal(completeStep({ caseId, stepNumber: 1, actorId: tenantAdmin.id, channel: "WEB" }))).code).toBe(
      "CASE_CLOSED",
    );
    expect((await refusal(cancelCase(owner, caseId, "again"))).code).toBe("CASE_CLOSED");
    expect(await footprint(caseId)).toEqual(before);
  });
});
