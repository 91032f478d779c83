import "server-only";
import { db } from "@/lib/db";
import { createCase } from "@/lib/workflow/store/create-case";
import { tickChecklistItem } from "@/lib/workflow/store/inputs/receiver-checklist";
import { caseInputSchema } from "@/lib/workflow/case-input";
import { DEMO_ACCOUNTS } from "@/lib/seed/demo-accounts";
import { demoCertificates } from "@/lib/seed/demo-certificates";
import { readOldCertificates } from "@/lib/certificates/old-certificates";
import { submitNewCertificates } from "@/lib/workflow/store/inputs/new-certificates";

const part = (name: string, pem: string) => [{ name, bytes: new TextEncoder().encode(pem) }];

/**
 * One workspace, one person per role plus an owner: a new-CA case of variant A half-way through, a fresh one of
 * variant B, and fresh cases of a sender's and of the load balancer's certificate.
 * Built through the same services as the app, so the audit trail and the mails are real.
 */
export async function seedDemoData(): Promise<void> {
  const [owner, tenantAdmin, receiverAdmin, developer, senderAdmin, loadBalancerAdmin] = await Promise.all(
    DEMO_ACCOUNTS.map((account) =>
      db().user.upsert({
        where: { email: account.email },
        update: {},
        create: { email: account.email, name: account.name },
      }),
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
  const people = {
    tenantAdmins: tenantAdmin!.email,
    receiverAdmins: receiverAdmin!.email,
    integrationDevelopers: developer!.email,
  };

  const certificates = await demoCertificates();
  const old = readOldCertificates(part("old.pem", certificates.oldLeaf), part("old-root.pem", certificates.oldRoot));
  if (!old.ok) throw new Error(`demo certificates are invalid: ${old.errors.map((error) => error.code).join(", ")}`);

  const running = await createCase(
    ownerActor,
    caseInputSchema.parse({
      workspaceId: workspace.id,
      title: "Orders to S/4HANA: client certificate from new CA",
      receiverSystem: "S/4HANA PRD (via SAP Web Dispatcher)",
      acceptsBoth: "yes",
      receiverLandscape: "SAP_WEB_DISPATCHER_ABAP",
      operatingModel: "CUSTOMER_MANAGED",
      keystoreAlias: "s4_orders_client",
      runtimeNodes: "worker-node-1\nworker-node-2",
      integrationFlows: "Replicate Sales Orders\nSend Delivery Notes",
      ...people,
    }),
    old.certificates,
  );
  const upload = await submitNewCertificates({
    caseId: running.caseId,
    actorId: tenantAdmin!.id,
    newLeaf: part("new-client.pem", certificates.newLeafChain),
    newRoot: part("new-root.pem", certificates.newRoot),
    earlyErrors: [],
    warningsAcknowledged: true,
    comment: "Issued by the new trust services CA.",
  });
  if (upload.status !== "stored")
    throw new Error(`demo upload refused: ${upload.result.errors.map((error) => error.code).join(", ")}`);
  const tasks = await db().checklistItem.findMany({ where: { caseId: running.caseId }, orderBy: { position: "asc" } });
  for (const task of tasks) await tickChecklistItem(receiverAdmin!.id, running.caseId, task.id, task.thirdParty);

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
    old.certificates,
  );

  await createCase(
    ownerActor,
    caseInputSchema.parse({
      workspaceId: workspace.id,
      title: "Shop orders inbound: the shop's new client certificate",
      keyOwner: "sender",
      receiverSystem: "Web shop (sends orders)",
      operatingModel: "CUSTOMER_MANAGED",
      integrationFlows: "Receive Web Orders",
      tenantAdmins: tenantAdmin!.email,
      integrationDevelopers: developer!.email,
      senderAdmins: senderAdmin!.email,
    }),
  );
  await createCase(
    ownerActor,
    caseInputSchema.parse({
      workspaceId: workspace.id,
      title: "Load balancer certificate under the new root",
      keyOwner: "load-balancer",
      receiverSystem: "Web shop (sends orders)",
      operatingModel: "SAP_MANAGED",
      tenantAdmins: tenantAdmin!.email,
      senderAdmins: senderAdmin!.email,
      loadBalancerAdmins: loadBalancerAdmin!.email,
    }),
  );
}
