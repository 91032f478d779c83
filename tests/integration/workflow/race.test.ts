import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { completeStep } from "@/lib/workflow/store/complete-step";
import { submitNewCertificates } from "@/lib/workflow/store/inputs/new-certificates";
import { makeCurrentChain, part, pems } from "../../support/certificates";
import { makeCase, uploadNewCertificates } from "../factories";

describe("completing the same step concurrently", () => {
  it("lets exactly one of 20 racing requests win; the other 19 get a clean conflict", async () => {
    const { caseId, tenantAdmin, receiverAdmin } = await makeCase();
    await uploadNewCertificates(caseId, tenantAdmin.id);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, index) =>
        completeStep({
          caseId,
          stepNumber: 3,
          actorId: receiverAdmin.id,
          channel: "WEB",
          comment: `attempt ${index}`,
          withInput: true,
        }),
      ),
    );
    const winners = outcomes.filter((outcome) => outcome.status === "fulfilled");
    const losers = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === "rejected");
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(19);
    for (const loser of losers) {
      expect(loser.reason).toBeInstanceOf(AppError);
      expect((loser.reason as AppError).code).toBe("CONFLICT");
      expect((loser.reason as AppError).message).toMatch(
        /^Step 3 was already done by ra-\w+@partner\.test\. Nothing was changed\.$/,
      );
    }

    const steps = await db().step.findMany({
      where: { caseId },
      orderBy: { number: "asc" },
      select: { number: true, status: true },
    });
    expect(steps.slice(2, 6)).toEqual([
      { number: 3, status: "DONE" },
      { number: 4, status: "DONE" },
      { number: 5, status: "READY" },
      { number: 6, status: "BLOCKED" },
    ]);
    const events = await db().auditEvent.groupBy({
      by: ["kind"],
      where: { caseId, stepNumber: { in: [3, 4, 5] } },
      _count: true,
    });
    const count = Object.fromEntries(events.map((event) => [event.kind, event._count]));
    expect(count).toMatchObject({ "step.completed": 1, "step.handed_over": 1, "step.ready": 2 });
    // one "your turn" mail for the tenant administrator, not twenty
    expect(await db().outgoingMail.count({ where: { caseId, subject: { contains: "step 5 is yours" } } })).toBe(1);
  });

  it("stores exactly one of several racing certificate uploads for step 1", async () => {
    const { caseId, tenantAdmin } = await makeCase();
    const chain = await makeCurrentChain("Race");
    const submit = () =>
      submitNewCertificates({
        caseId,
        actorId: tenantAdmin.id,
        newLeaf: [part(pems(chain.leaf, chain.intermediate))],
        newRoot: [part(chain.root.pem)],
        earlyErrors: [],
        warningsAcknowledged: true,
      });
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, submit));
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    for (const outcome of outcomes)
      if (outcome.status === "rejected") expect((outcome.reason as AppError).code).toBe("CONFLICT");
    expect(await db().certificateUpload.count({ where: { caseId } })).toBe(1);
    expect(await db().storedCertificate.count({ where: { caseId } })).toBe(3);
  });
});
