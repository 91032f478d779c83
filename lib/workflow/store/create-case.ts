import "server-only";
import { db } from "@/lib/db";
import { recordAudit, type AuditEntry } from "@/lib/audit/record";
import { enqueueMail } from "@/lib/mail/outbox";
import { addedToCaseMessages, type CaseSummary } from "@/lib/mail/case-messages";
import { kickMailWorker } from "@/lib/mail/worker";
import type { SignedInUser } from "@/lib/auth/session";
import { assertCanCreateCase } from "@/lib/auth/access";
import { participantsOf, type CaseInput } from "../case-input";
import { workflowFor } from "../definitions";
import { initialStepStates } from "../transitions";
import { caseRecipients } from "./recipients";
import type { CertificateSummary } from "@/lib/certificates/summary";
import { storeUpload, uploadAuditData } from "@/lib/certificates/store/uploads";
import { readyStepMails } from "./ready-step-mails";
import { createReceiverChecklist } from "./inputs/receiver-checklist";

/**
 * Creates a case with all its steps and participants in one transaction.
 * People named by an unknown address get a user account and become guests of the workspace.
 */
export async function createCase(actor: SignedInUser, input: CaseInput, oldCertificates: CertificateSummary[] = []): Promise<{ caseId: string }> {
  await assertCanCreateCase(actor.id, input.workspaceId);
  const definition = workflowFor(input.acceptsBoth === "yes" ? "A" : "B");
  const participants = participantsOf(input);
  // What the case is, as stored on it and as recorded in its first audit event.
  const facts = {
    title: input.title,
    receiverSystem: input.receiverSystem,
    variant: definition.variant,
    operatingModel: input.operatingModel,
    receiverLandscape: input.receiverLandscape,
    keystoreAlias: input.keystoreAlias,
    runtimeNodes: input.runtimeNodes,
    integrationFlows: input.integrationFlows,
  };

  const caseId = await db().$transaction(async (tx) => {
    const emails = [...new Set(participants.map((participant) => participant.email))];
    const users = new Map<string, string>();
    for (const email of emails) {
      const user = await tx.user.upsert({ where: { email }, update: {}, create: { email }, select: { id: true } });
      users.set(email, user.id);
      await tx.membership.upsert({
        where: { workspaceId_userId: { workspaceId: input.workspaceId, userId: user.id } },
        update: {},
        create: { workspaceId: input.workspaceId, userId: user.id, role: "GUEST" },
      });
    }

    const created = await tx.case.create({
      data: {
        workspaceId: input.workspaceId,
        ...facts,
        createdById: actor.id,
        steps: {
          create: initialStepStates(definition).map((state) => {
            const step = definition.steps.find((candidate) => candidate.number === state.number)!;
            return { number: step.number, key: step.key, role: step.role, status: state.status, readyAt: state.status === "READY" ? new Date() : null };
          }),
        },
        participants: {
          create: participants.map((participant) => ({ userId: users.get(participant.email)!, role: participant.role })),
        },
      },
      select: { id: true },
    });

    await createReceiverChecklist(tx, created.id, definition.variant, input.receiverLandscape);
    if (oldCertificates.length > 0) {
      await storeUpload(tx, { caseId: created.id, set: "OLD", uploadedById: actor.id, certificates: oldCertificates });
    }
    const summary: CaseSummary = { id: created.id, ...input, variant: definition.variant };
    const recipients = await caseRecipients(tx, created.id);
    const firstStep = definition.steps[0]!;
    const mails = [
      ...addedToCaseMessages(summary, recipients, actor.name ?? actor.email),
      ...(await readyStepMails(tx, summary, firstStep.number, recipients)),
    ];
    await enqueueMail(tx, mails);

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
        ? [{ workspaceId: input.workspaceId, caseId: created.id, kind: "certificate.uploaded", actorId: actor.id, channel: "WEB", data: { set: "OLD", ...uploadAuditData(oldCertificates, [], false) } } satisfies AuditEntry]
        : []),
      { workspaceId: input.workspaceId, caseId: created.id, kind: "step.ready", channel: "SYSTEM", stepNumber: 1, data: { role: firstStep.role } },
      ...mails.map((mail): AuditEntry => ({
        workspaceId: input.workspaceId,
        caseId: created.id,
        kind: "mail.queued",
        channel: "SYSTEM",
        data: { to: mail.to, subject: mail.subject },
      })),
    ];
    await recordAudit(tx, audit);
    return created.id;
  });

  kickMailWorker();
  return { caseId };
}
