import "server-only";
import { db } from "@/lib/db";
import { createCase } from "@/lib/workflow/store/create-case";
import { completeStep } from "@/lib/workflow/store/complete-step";
import { caseInputSchema } from "@/lib/workflow/case-input";
import { DEMO_ACCOUNTS } from "./demo-accounts";

/**
 * One workspace, one person per role plus an owner, a case of variant A half-way through and a fresh case of variant B.
 * Built through the same services as the app, so the audit trail and the mails are real.
 */
export async function seedDemoData(): Promise<void> {
  const [owner, tenantAdmin, receiverAdmin, developer] = await Promise.all(
    DEMO_ACCOUNTS.map((account) =>
      db().user.upsert({ where: { email: account.email }, update: {}, create: { email: account.email, name: account.name } }),
    ),
  );
  const workspace = await db().workspace.create({
    data: {
      name: "Demo integration team",
      memberships: {
        create: [
          { userId: owner!.id, role: "OWNER" },
          { userId: tenantAdmin!.id, role: "MEMBER" },
          { userId: developer!.id, role: "MEMBER" },
          { userId: receiverAdmin!.id, role: "GUEST" },
        ],
      },
    },
  });
  const ownerActor = { id: owner!.id, email: owner!.email, name: owner!.name };
  const people = { tenantAdmins: tenantAdmin!.email, receiverAdmins: receiverAdmin!.email, integrationDevelopers: developer!.email };

  const running = await createCase(
    ownerActor,
    caseInputSchema.parse({
      workspaceId: workspace.id,
      title: "Orders to S/4HANA: client certificate from new CA",
      receiverSystem: "S/4HANA PRD (via SAP Web Dispatcher)",
      acceptsBoth: "yes",
      operatingModel: "CUSTOMER_MANAGED",
      keystoreAlias: "s4_orders_client",
      runtimeNodes: "worker-node-1\nworker-node-2",
      integrationFlows: "Replicate Sales Orders\nSend Delivery Notes",
      ...people,
    }),
  );
  await completeStep({ caseId: running.caseId, stepNumber: 1, actorId: tenantAdmin!.id, channel: "WEB", comment: "Certificate issued by the new corporate CA." });
  await completeStep({ caseId: running.caseId, stepNumber: 3, actorId: receiverAdmin!.id, channel: "WEB", comment: "Web Dispatcher and ABAP back end accept both." });

  await createCase(
    ownerActor,
    caseInputSchema.parse({
      workspaceId: workspace.id,
      title: "Payroll export to bank gateway: new client certificate",
      receiverSystem: "Bank payment gateway",
      acceptsBoth: "no",
      operatingModel: "SAP_MANAGED",
      keystoreAlias: "bank_gateway_client",
      runtimeNodes: "node-a\nnode-b",
      integrationFlows: "Send Payment Files",
      ...people,
    }),
  );
}
