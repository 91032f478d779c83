import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit, type AuditEntry } from "@/lib/audit/store/record";
import { queueCaseMail } from "@/lib/mail/store/outbox";
import { addedToCaseMessages, type CaseSummary } from "@/lib/mail/case-messages";
import { kickMailWorker } from "@/lib/mail/store/delivery";
import type { SignedInUser } from "@/lib/auth/session";
import { assertCanCreateCase } from "@/lib/auth/queries/access";
import { AppError } from "@/lib/errors";
import { assertNewRecipientsAllowed } from "@/lib/workspaces/store/recipient-limits";
import { participantsOf, type CaseInput } from "../case-input";
import { firstStep, workflowFor } from "../definitions";
import { ROLE_FIELD } from "../roles";
import { initialStepStates } from "../transitions";
import { caseRecipients } from "./recipients";
import type { CertificateSummary } from "@/lib/certificates/summary";
import { storeUpload, uploadAuditData } from "@/lib/certificates/store/uploads";
import { readyStepMails } from "./ready-step-mails";
import { createReceiverChecklist } from "./inputs/receiver-checklist";

/**
 * Creates a case with all its steps and participants in one transaction.
 * People named by an unknown address get a user account and become guests of the workspace, within the limits on
 * new recipients; an address that refused mail from the workspace cannot be named.
 */
export async function createCase(
  actor: SignedInUser,
  input: CaseInput,
  oldCertificates: CertificateSummary[] = [],
): Promise<{ caseId: string }> {
  await assertCanCreateCase(actor.id, input.workspaceId);
  const definition = workflowFor(input.procedure);
  const participants = participantsOf(input);
  // What the case is, as stored on it and as recorded in its first audit event.
  const facts = {
    title: input.title,
    receiverSystem: input.receiverSystem,
    procedure: definition.id,
    operatingModel: input.operatingModel,
    receiverLandscape: input.receiverLandscape,
    keystoreAlias: input.keystoreAlias,
    runtimeNodes: input.runtimeNodes,
    integrationFlows: input.integrationFlows,
  };

  const caseId = await db().$transaction(async (tx) => {
    const emails = [...new Set(participants.map((participant) => participant.email))];
    await refuseOptedOut(tx, input.workspaceId, participants);
    const members = await tx.membership.findMany({
      where: { workspaceId: input.workspaceId, user: { email: { in: emails } } },
      select: { user: { select: { email: true } } },
    });
    const known = new Set(members.map((member) => member.user.email));
    await assertNewRecipientsAllowed(
      tx,
      input.workspaceId,
      actor.id,
      emails.filter((email) => !known.has(email)).length,
    );
    const users = new Map<string, string>();
    for (const email of emails) {
      const user = await tx.user.upsert({ where: { email }, update: {}, create: { email }, select: { id: true } });
      users.set(email, user.id);
      await tx.membership.upsert({
        where: { workspaceId_userId: { workspaceId: input.workspaceId, userId: user.id } },
        update: {},
        create: { workspaceId: input.workspaceId, userId: user.id, role: "GUEST", invitedById: actor.id },
      });
    }

    if (input.tenantId) {
      const tenant = await tx.tenantConnection.findFirst({
        where: { id: input.tenantId, workspaceId: input.workspaceId },
        select: { id: true },
      });
      if (!tenant)
        throw new AppError("VALIDATION_FAILED", "Choose one of this workspace's tenants, or none.", {
          tenantId: ["Choose one of this workspace's tenants, or none."],
        });
    }
    const created = await tx.case.create({
      data: {
        workspaceId: input.workspaceId,
        ...facts,
        tenantId: input.tenantId ?? null,
        createdById: actor.id,
        steps: {
          create: initialStepStates(definition).map((state) => {
            const step = definition.steps.find((candidate) => candidate.number === state.number)!;
            return {
              number: step.number,
              key: step.key,
              role: step.role,
              status: state.status,
              readyAt: state.status === "READY" ? new Date() : null,
            };
          }),
        },
        participants: {
          create: participants.map((participant) => ({
            userId: users.get(participant.email)!,
            role: participant.role,
          })),
        },
      },
      select: { id: true },
    });

    await createReceiverChecklist(tx, created.id, definition.id, input.receiverLandscape);
    if (oldCertificates.length > 0) {
      await storeUpload(tx, { caseId: created.id, set: "OLD", uploadedById: actor.id, certificates: oldCertificates });
    }
    const summary: CaseSummary = {
      id: created.id,
      title: input.title,
      receiverSystem: input.receiverSystem,
      procedure: definition.id,
      operatingModel: input.operatingModel,
      keystoreAlias: input.keystoreAlias,
    };
    const recipients = await caseRecipients(tx, created.id);
    const first = firstStep(definition);
    const workspace = await tx.workspace.findUniqueOrThrow({
      where: { id: input.workspaceId },
      select: { name: true },
    });
    const mails = [
      ...addedToCaseMessages(summary, recipients, {
        by: actor,
        workspaceId: input.workspaceId,
        workspaceName: workspace.name,
      }),
      ...(await readyStepMails(tx, summary, first.number, recipients)),
    ];
    const mailEvents = await queueCaseMail(tx, input.workspaceId, mails);

    const audit: AuditEntry[] = [
      {
        workspaceId: input.workspaceId,
        caseId: created.id,
        kind: "case.created",
        actorId: actor.id,
        channel: "WEB",
        data: facts,
      },
      ...participants.map((participant): AuditEntry => ({
        workspaceId: input.workspaceId,
        caseId: created.id,
        kind: "participant.added",
        actorId: actor.id,
        channel: "WEB",
        data: { email: participant.email, role: participant.role },
      })),
      ...(oldCertificates.length > 0
        ? [
            {
              workspaceId: input.workspaceId,
              caseId: created.id,
              kind: "certificate.uploaded",
              actorId: actor.id,
              channel: "WEB",
              data: { set: "OLD", ...uploadAuditData(oldCertificates, [], false) },
            } satisfies AuditEntry,
          ]
        : []),
      {
        workspaceId: input.workspaceId,
        caseId: created.id,
        kind: "step.ready",
        channel: "SYSTEM",
        stepNumber: first.number,
        data: { role: first.role },
      },
      ...mailEvents,
    ];
    await recordAudit(tx, audit);
    return created.id;
  });

  kickMailWorker();
  return { caseId };
}

/** Someone who refused mail from the workspace cannot be named on its cases: they would never hear of their steps. */
async function refuseOptedOut(
  tx: Prisma.TransactionClient,
  workspaceId: string,
  participants: ReturnType<typeof participantsOf>,
) {
  const refused = new Set(
    (
      await tx.mailOptOut.findMany({
        where: { workspaceId, email: { in: participants.map((participant) => participant.email) } },
        select: { email: true },
      })
    ).map((row) => row.email),
  );
  if (refused.size === 0) return;
  const fieldErrors: Record<string, string[]> = {};
  for (const { email, role } of participants.filter((participant) => refused.has(participant.email))) {
    (fieldErrors[ROLE_FIELD[role]] ??= []).push(
      `${email} has refused mail from this workspace and cannot be named on its cases.`,
    );
  }
  throw new AppError(
    "VALIDATION_FAILED",
    `${[...refused].join(", ")} refused mail from this workspace. Nothing was saved.`,
    fieldErrors,
  );
}
