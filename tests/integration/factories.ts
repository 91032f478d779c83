import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { mailWorkerIdle } from "@/lib/mail/store/delivery";
import { caseInputSchema } from "@/lib/workflow/case-input";
import { createCase } from "@/lib/workflow/store/create-case";
import type { SignedInUser } from "@/lib/auth/session";
import { submitNewCertificates } from "@/lib/workflow/store/inputs/new-certificates";
import { makeCurrentChain, part, pems } from "../support/certificates";
import { tickChecklistItem } from "@/lib/workflow/store/inputs/receiver-checklist";
import { confirmGridCells } from "@/lib/workflow/store/inputs/flow-grid";
import { acceptWindow, proposeWindows } from "@/lib/workflow/store/inputs/downtime";
import { gridCells } from "@/lib/workflow/grid";
import { answersFor } from "@/lib/workflow/proposal";
import { rolesOf, workflowFor, type ProcedureId } from "@/lib/workflow/definitions";

/** A unique tag so every test makes and finds only its own data. */
export function uniqueTag(): string {
  return randomBytes(4).toString("hex");
}

export async function makeUser(email: string, name?: string): Promise<SignedInUser> {
  const user = await db().user.create({ data: { email, name: name ?? null } });
  return { id: user.id, email: user.email, name: user.name };
}

/**
 * A workspace with an owner and one person per role, and a case between them: by default the tenant client
 * certificate from a new CA (variant A or B), or any other procedure. Partners (receiver, sender, load balancer
 * administrators) come from other companies and become guests.
 */
export async function makeCase(options: { variant?: "A" | "B"; procedure?: ProcedureId } = {}) {
  const tag = uniqueTag();
  const owner = await makeUser(`owner-${tag}@example.test`, `Owner ${tag}`);
  const tenantAdmin = await makeUser(`ta-${tag}@example.test`, `Tenant Admin ${tag}`);
  const receiverAdmin = `ra-${tag}@partner.test`;
  const senderAdmin = `sa-${tag}@sender.test`;
  const loadBalancerAdmin = `lba-${tag}@provider.test`;
  const procedure =
    options.procedure ?? (options.variant === "B" ? "TENANT_CLIENT_NEW_CA_DOWNTIME" : "TENANT_CLIENT_NEW_CA_BOTH");
  const needed = rolesOf(workflowFor(procedure));
  const developer = await makeUser(`dev-${tag}@example.test`, `Developer ${tag}`);
  const workspace = await db().workspace.create({
    data: {
      name: `Workspace ${tag}`,
      memberships: {
        create: [
          { userId: owner.id, role: "OWNER" },
          { userId: tenantAdmin.id, role: "MEMBER" },
          { userId: developer.id, role: "MEMBER" },
        ],
      },
    },
  });
  const { caseId } = await createCase(
    owner,
    caseInputSchema.parse({
      workspaceId: workspace.id,
      title: `Case ${tag}`,
      receiverSystem: "Receiver",
      ...answersFor(procedure),
      operatingModel: "CUSTOMER_MANAGED",
      keystoreAlias: "client_cert",
      runtimeNodes: "node-1",
      integrationFlows: "Flow 1",
      tenantAdmins: tenantAdmin.email,
      ...(needed.includes("RECEIVER_ADMIN") ? { receiverAdmins: receiverAdmin } : {}),
      ...(needed.includes("INTEGRATION_DEVELOPER") ? { integrationDevelopers: developer.email } : {}),
      ...(needed.includes("SENDER_ADMIN") ? { senderAdmins: senderAdmin } : {}),
      ...(needed.includes("LOAD_BALANCER_ADMIN") ? { loadBalancerAdmins: loadBalancerAdmin } : {}),
    }),
  );
  const guest = async (email: string) => {
    const user = await db().user.upsert({ where: { email }, update: {}, create: { email } });
    return { id: user.id, email: user.email, name: user.name } satisfies SignedInUser;
  };
  return {
    tag,
    caseId,
    workspaceId: workspace.id,
    owner,
    tenantAdmin,
    developer,
    procedure,
    receiverAdmin: await guest(receiverAdmin),
    senderAdmin: await guest(senderAdmin),
    loadBalancerAdmin: await guest(loadBalancerAdmin),
  };
}

/** Everything a transition can write, counted, to prove that a refused call wrote nothing. */
export async function footprint(caseId: string) {
  await mailWorkerIdle(); // delivery after a commit records "mail.sent" events of its own
  const [steps, audit, mails] = await Promise.all([
    db().step.findMany({
      where: { caseId },
      orderBy: { number: "asc" },
      select: { number: true, status: true, completedById: true },
    }),
    db().auditEvent.count({ where: { caseId } }),
    db().outgoingMail.count({ where: { caseId } }),
  ]);
  return { steps, audit, mails };
}

/**
 * Step 1 done the only way it can be: a valid new certificate chain uploaded by the step's owner (the tenant
 * administrator, unless the procedure starts elsewhere), of the purpose the procedure expects.
 */
export async function uploadNewCertificates(caseId: string, actorId: string, purpose: "client" | "server" = "client") {
  const chain = await makeCurrentChain(`Case ${caseId.slice(-6)}`, purpose);
  const outcome = await submitNewCertificates({
    caseId,
    actorId,
    newLeaf: [part(pems(chain.leaf, chain.intermediate), "client.pem")],
    newRoot: [part(chain.root.pem, "root.pem")],
    earlyErrors: [],
    warningsAcknowledged: true,
  });
  if (outcome.status !== "stored")
    throw new Error(`upload refused: ${outcome.result.errors.map((error) => error.code).join(", ")}`);
  return { chain, outcome };
}

/** The procedure's forms, as the people on the case fill them in. */
export const stepInputs = {
  async receiverTasks(caseId: string, receiverAdminId: string) {
    const items = await db().checklistItem.findMany({ where: { caseId, doneAt: null }, orderBy: { position: "asc" } });
    for (const item of items) await tickChecklistItem(receiverAdminId, caseId, item.id, item.thirdParty);
  },
  async allCells(caseId: string, developerId: string, stepNumber: number) {
    const found = await db().case.findUniqueOrThrow({
      where: { id: caseId },
      select: { integrationFlows: true, runtimeNodes: true },
    });
    return confirmGridCells(developerId, caseId, stepNumber, gridCells(found.integrationFlows, found.runtimeNodes));
  },
  async window(caseId: string, tenantAdminId: string, receiverAdminId: string, start: Date, minutes = 60) {
    await proposeWindows(tenantAdminId, caseId, [{ start, end: new Date(start.getTime() + minutes * 60_000) }]);
    const proposal = await db().downtimeProposal.findFirstOrThrow({ where: { caseId, status: "OPEN" } });
    await acceptWindow(receiverAdminId, caseId, proposal.id);
  },
};

/** The code of the expected refusal (an AppError); fails when the call succeeds or throws something else. */
export async function refusalCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  throw new Error("expected a refusal, but the call succeeded");
}
