import { describe, expect, it } from "vitest";
import { createCase } from "@/lib/workflow/store/create-case";
import { caseInputSchema } from "@/lib/workflow/case-input";
import { loadInbox } from "@/lib/workflow/queries/inbox";
import { loadAuditTrail, loadLatestAuditEvents } from "@/lib/audit/queries/trail";
import { mailWorkerIdle } from "@/lib/mail/store/delivery";
import { makeCase, uploadNewCertificates } from "../factories";

/** Two more cases between the same people, so that their inboxes hold three. */
async function twoMoreCases(base: Awaited<ReturnType<typeof makeCase>>) {
  const ids: string[] = [];
  for (const title of ["Second", "Third"]) {
    const { caseId } = await createCase(
      base.owner,
      caseInputSchema.parse({
        workspaceId: base.workspaceId,
        title: `${title} ${base.tag}`,
        receiverSystem: "Receiver",
        acceptsBoth: "yes",
        operatingModel: "CUSTOMER_MANAGED",
        keystoreAlias: "client_cert",
        runtimeNodes: "node-1",
        integrationFlows: "Flow 1",
        tenantAdmins: base.tenantAdmin.email,
        receiverAdmins: base.receiverAdmin.email,
        integrationDevelopers: base.developer.email,
      }),
    );
    ids.push(caseId);
  }
  return ids;
}

describe("the inbox for someone with many open cases", () => {
  it("shows the oldest tasks and waiting cases up to the limits, counts all of them, and names whom the shown ones wait on", async () => {
    const base = await makeCase({ variant: "A" });
    const [second, third] = await twoMoreCases(base);

    const tenant = await loadInbox(base.tenantAdmin.id, { tasks: 2, waiting: 1 });
    expect(tenant.taskCount).toBe(3);
    expect(tenant.tasks.map((task) => task.caseId)).toEqual([base.caseId, second]);
    expect(tenant.countsByRole.TENANT_ADMIN).toBe(3);

    const receiver = await loadInbox(base.receiverAdmin.id, { tasks: 10, waiting: 1 });
    expect(receiver.taskCount).toBe(0);
    expect(receiver.waitingCount).toBe(3);
    expect(receiver.waiting).toHaveLength(1);
    expect(receiver.waiting[0]).toMatchObject({
      caseId: base.caseId,
      stepNumber: 1,
      waitingOn: [base.tenantAdmin.name],
    });

    await uploadNewCertificates(third!, base.tenantAdmin.id);
    const after = await loadInbox(base.tenantAdmin.id, { tasks: 10, waiting: 10 });
    expect(after.taskCount).toBe(2);
    expect(after.waiting.map((item) => [item.caseId, item.stepNumber])).toEqual([[third, 3]]);
    expect(after.recentlyDone.map((item) => [item.caseId, item.stepNumber])).toContainEqual([third, 1]);
  });
});

describe("the case page's audit trail", () => {
  it("shows the latest events in order and says how many there are in all", async () => {
    const { caseId, tenantAdmin } = await makeCase({ variant: "A" });
    await uploadNewCertificates(caseId, tenantAdmin.id);
    await mailWorkerIdle(); // delivering the hand-over mail records an event of its own
    const all = await loadAuditTrail(caseId);
    expect(all.length).toBeGreaterThan(4);

    const latest = await loadLatestAuditEvents(caseId, {}, 3);
    expect(latest.total).toBe(all.length);
    expect(latest.rows.map((row) => row.id)).toEqual(all.slice(-3).map((row) => row.id));

    const certificateEvents = all.filter((row) => row.kind.startsWith("certificate."));
    const filtered = await loadLatestAuditEvents(caseId, { group: "certificate" }, 100);
    expect(filtered.total).toBe(certificateEvents.length);
    expect(filtered.rows.map((row) => row.id)).toEqual(certificateEvents.map((row) => row.id));
  });
});
