import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { seedDemoData } from "@/lib/seed/store/demo";

describe("the demo data of npm start", () => {
  it("seeds a new-CA case part-way through and fresh cases of other procedures, through the real services", async () => {
    await seedDemoData();
    const workspace = await db().workspace.findFirstOrThrow({
      where: { name: "Demo integration team" },
      orderBy: { createdAt: "desc" },
    });
    const cases = await db().case.findMany({
      where: { workspaceId: workspace.id },
      include: { steps: { where: { status: "READY" } } },
      orderBy: { createdAt: "asc" },
    });
    expect(cases.map((found) => [found.procedure, found.steps.map((step) => step.number)])).toEqual([
      ["TENANT_CLIENT_NEW_CA_BOTH", [5]],
      ["TENANT_CLIENT_NEW_CA_DOWNTIME", [1]],
      ["SENDER_CLIENT", [1]],
      ["LOAD_BALANCER_SERVER", [1]],
    ]);
    expect(await db().storedCertificate.count({ where: { caseId: cases[0]!.id } })).toBe(5);
  });
});
