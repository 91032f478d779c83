import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { completeStep } from "@/lib/workflow/store/complete-step";
import { makeCase } from "../factories";

describe("completing the same step concurrently", () => {
  it("lets exactly one of 20 racing requests win; the other 19 get a clean conflict", async () => {
    const { caseId, tenantAdmin } = await makeCase();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, index) =>
        completeStep({ caseId, stepNumber: 1, actorId: tenantAdmin.id, channel: "WEB", comment: `attempt ${index}` }),
      ),
    );
    const winners = outcomes.filter((outcome) => outcome.status === "fulfilled");
    const losers = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === "rejected");
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(19);
    for (const loser of losers) {
      expect(loser.reason).toBeInstanceOf(AppError);
      expect((loser.reason as AppError).code).toBe("CONFLICT");
      expect((loser.reason as AppError).message).toMatch(/^Step 1 was already done by Tenant Admin \w+ at .* UTC\. Nothing was changed\.$/);
    }

    const steps = await db().step.findMany({ where: { caseId }, orderBy: { number: "asc" }, select: { number: true, status: true } });
    expect(steps.slice(0, 4)).toEqual([
      { number: 1, status: "DONE" },
      { number: 2, status: "DONE" },
      { number: 3, status: "READY" },
      { number: 4, status: "BLOCKED" },
    ]);
    const events = await db().auditEvent.groupBy({ by: ["kind"], where: { caseId, stepNumber: { in: [1, 2, 3] } }, _count: true });
    const count = Object.fromEntries(events.map((event) => [event.kind, event._count]));
    expect(count).toMatchObject({ "step.completed": 1, "step.handed_over": 1 });
    // step.ready for step 1 at creation, and once for step 3
    expect(count["step.ready"]).toBe(2);
    // one "your turn" mail for the receiver administrator, not twenty
    expect(await db().outgoingMail.count({ where: { caseId, subject: { contains: "step 3 is yours" } } })).toBe(1);
  });
});
