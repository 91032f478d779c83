import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAudit, type AuditEntry } from "@/lib/audit/store/record";
import { queueCaseMail, type OutgoingMessage } from "@/lib/mail/store/outbox";
import { caseClosedMessages, type CaseSummary } from "@/lib/mail/case-messages";
import { voidActionLinks } from "@/lib/mail/store/action-links";
import { kickMailWorker } from "@/lib/mail/store/delivery";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Channel } from "@/lib/generated/prisma/enums";
import { ROLE_LABEL } from "../roles";
import { stepDefinition, stepLabel, workflowFor, type StepDefinition } from "../definitions";
import { planCompletion, type TransitionPlan, type TransitionRefusal } from "../transitions";
import { actorsOf } from "../turn";
import { caseRecipients } from "./recipients";
import { lockCase } from "./lock-case";
import { readyStepMails } from "./ready-step-mails";
import { displayName } from "@/lib/people";
import { caseSummarySelect } from "@/lib/workflow/queries/case-summary";

export interface CompleteStepCommand {
  caseId: string;
  stepNumber: number;
  actorId: string;
  channel: Exclude<Channel, "SYSTEM">;
  comment?: string;
  /** Extra facts for the audit event (for example the IP and user agent of an e-mail link). */
  context?: Prisma.InputJsonObject;
  /** Set by the services that collect a step's input (an upload, a form) before completing it. */
  withInput?: boolean;
  /** What the step's form recorded, kept on the step and in its audit event. */
  details?: Prisma.InputJsonObject;
}

export interface CompletedStep {
  completed: number;
  handedOver: readonly number[];
  nowReady: number | null;
  caseCompleted: boolean;
}

async function alreadyDoneError(
  tx: Prisma.TransactionClient,
  caseId: string,
  number: number,
  label: string,
): Promise<AppError> {
  const step = await tx.step.findUnique({
    where: { caseId_number: { caseId, number } },
    select: { completedBy: { select: { name: true, email: true } } },
  });
  // When it was done, the case page shows in the viewer's zone.
  return new AppError(
    "CONFLICT",
    `Step ${label} was already done by ${displayName(step?.completedBy, "someone else")}. Nothing was changed.`,
  );
}

function refusalError(
  refusal: Exclude<TransitionRefusal, "STEP_ALREADY_DONE">,
  step: StepDefinition | undefined,
): AppError {
  switch (refusal) {
    case "CASE_CLOSED":
      return new AppError("CASE_CLOSED", "This case is closed; its steps can no longer change.");
    case "STEP_NOT_FOUND":
      return new AppError("NOT_FOUND", "This procedure has no such step.");
    case "STEP_NOT_READY":
      return new AppError(
        "STEP_NOT_READY",
        `Step ${step ? stepLabel(step) : "?"} is not ready yet: the steps before it must be done first.`,
      );
    case "STEP_IS_HANDOVER":
    case "NOT_A_WAITING_HANDOVER":
      return new AppError(
        "STEP_IS_HANDOVER",
        "Hand-overs are performed by Renewal Desk when the step before them is done.",
      );
    case "NOT_YOUR_ROLE":
      return new AppError(
        "NOT_YOUR_ROLE",
        `Step ${step ? stepLabel(step) : "?"} belongs to the ${
          step
            ? actorsOf(step)
                .map((role) => ROLE_LABEL[role].toLowerCase())
                .join(" or the ")
            : "another role"
        }, and you do not hold that role on this case.`,
      );
  }
}

/**
 * Completes one step as one transaction: compare-and-set on the step's status (a lost race changes nothing),
 * the following hand-overs performed by the system, the next step made ready, the audit trail and the mails.
 */
export async function completeStep(command: CompleteStepCommand): Promise<CompletedStep> {
  const result = await db().$transaction((tx) => completeStepInTransaction(tx, command));
  kickMailWorker();
  return result;
}

/** The same, inside a transaction the caller owns (an action link is claimed in the same one). */
export async function completeStepInTransaction(
  tx: Prisma.TransactionClient,
  command: CompleteStepCommand,
): Promise<CompletedStep> {
  await lockCase(tx, command.caseId);
  const found = await tx.case.findUnique({
    where: { id: command.caseId },
    select: {
      ...caseSummarySelect,
      status: true,
      steps: { select: { number: true, status: true } },
      participants: { where: { userId: command.actorId }, select: { role: true } },
    },
  });
  if (!found) throw new AppError("NOT_FOUND", "This case does not exist or you have no access to it.");
  const definition = workflowFor(found.procedure);
  const step = definition.steps.find((candidate) => candidate.number === command.stepNumber);
  const decision = planCompletion(
    definition,
    found.status,
    found.steps,
    command.stepNumber,
    found.participants.map((participant) => participant.role),
  );
  if (!decision.ok) {
    if (decision.refusal === "STEP_ALREADY_DONE")
      throw await alreadyDoneError(
        tx,
        found.id,
        command.stepNumber,
        step ? stepLabel(step) : String(command.stepNumber),
      );
    throw refusalError(decision.refusal, step);
  }
  if (step?.input && !command.withInput) {
    throw new AppError(
      "INPUT_REQUIRED",
      `Step ${stepLabel(step)} is completed by providing its information on the case page, not by a plain confirmation.`,
    );
  }
  const { plan } = decision;
  const now = new Date();

  const claimed = await tx.step.updateMany({
    where: { caseId: found.id, number: plan.completed, status: "READY" },
    data: {
      status: "DONE",
      completedAt: now,
      completedById: command.actorId,
      channel: command.channel,
      comment: command.comment ?? null,
      ...(command.details ? { details: command.details } : {}),
    },
  });
  if (claimed.count === 0) throw await alreadyDoneError(tx, found.id, plan.completed, stepLabel(step!));
  await voidActionLinks(tx, { step: { caseId: found.id, number: plan.completed } });

  const followUps = await applyFollowUps(tx, found, plan, now);
  await recordAudit(tx, [
    {
      workspaceId: found.workspaceId,
      caseId: found.id,
      kind: "step.completed",
      actorId: command.actorId,
      channel: command.channel,
      stepNumber: plan.completed,
      data: {
        key: step!.key,
        role: step!.role,
        ...(command.comment ? { comment: command.comment } : {}),
        ...command.details,
        ...command.context,
      },
    },
    ...followUps,
  ]);
  return plan;
}

export type CaseRow = CaseSummary & { workspaceId: string };

/**
 * Everything that follows a completed step, in the caller's transaction: the hand-overs performed by the system,
 * the next step made ready (with its mails), the case completed. Returns the audit entries to record.
 */
export async function applyFollowUps(
  tx: Prisma.TransactionClient,
  found: CaseRow,
  plan: TransitionPlan,
  now: Date,
): Promise<AuditEntry[]> {
  const definition = workflowFor(found.procedure);
  if (plan.handedOver.length > 0) {
    await tx.step.updateMany({
      where: { caseId: found.id, number: { in: [...plan.handedOver] }, status: "BLOCKED" },
      data: { status: "DONE", completedAt: now, channel: "SYSTEM" },
    });
  }
  if (plan.nowReady !== null) {
    await tx.step.updateMany({
      where: { caseId: found.id, number: plan.nowReady, status: "BLOCKED" },
      data: { status: "READY", readyAt: now },
    });
  }
  if (plan.caseCompleted) {
    await tx.case.updateMany({ where: { id: found.id, status: "OPEN" }, data: { status: "COMPLETED", closedAt: now } });
  }

  const recipients = await caseRecipients(tx, found.id);
  const mails: OutgoingMessage[] = [];
  if (plan.nowReady !== null) mails.push(...(await readyStepMails(tx, found, plan.nowReady, recipients)));
  if (plan.caseCompleted) mails.push(...caseClosedMessages(found, recipients, { kind: "completed" }));
  const mailEvents = await queueCaseMail(tx, found.workspaceId, mails);

  const base = { workspaceId: found.workspaceId, caseId: found.id };
  return [
    ...plan.handedOver.map((number): AuditEntry => {
      const handover = stepDefinition(definition.id, number)!;
      return {
        ...base,
        kind: "step.handed_over",
        channel: "SYSTEM",
        stepNumber: number,
        data: { key: handover.key, from: handover.role, to: handover.to ?? null },
      };
    }),
    ...(plan.nowReady !== null
      ? [
          {
            ...base,
            kind: "step.ready",
            channel: "SYSTEM",
            stepNumber: plan.nowReady,
            data: { role: stepDefinition(definition.id, plan.nowReady)!.role },
          } satisfies AuditEntry,
        ]
      : []),
    ...(plan.caseCompleted ? [{ ...base, kind: "case.completed", channel: "SYSTEM" } satisfies AuditEntry] : []),
    ...mailEvents,
  ];
}
