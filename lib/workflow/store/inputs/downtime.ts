import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAudit, type AuditEntry } from "@/lib/audit/store/record";
import { kickMailWorker } from "@/lib/mail/store/delivery";
import { queueCaseMail } from "@/lib/mail/store/outbox";
import { personLabel } from "@/lib/people";
import { windowInvitationMessages, windowProposedMessages, windowOverdueMessages } from "@/lib/mail/window-messages";
import { overlapping, windowProblem, WINDOW_LIMITS, type Window } from "../../downtime";
import { stepTaking, workflowFor, PROCEDURES, type ProcedureId } from "../../definitions";
import { mayAcceptProposal, proposingSide } from "../../turn";
import { planScheduledHandover } from "../../transitions";
import { lockCase } from "../lock-case";
import { applyFollowUps, completeStepInTransaction } from "../complete-step";
import { caseRecipients, participantsAndOwners } from "../recipients";
import { authorizeInput, authorizeStep, loadForInput, stepState, type CaseForInput } from "./context";
import { caseSummarySelect } from "@/lib/workflow/queries/case-summary";

/** The step on which the window is agreed, and the hand-over that waits for its start. */
function windowSteps(procedure: ProcedureId) {
  const definition = workflowFor(procedure);
  return {
    definition,
    agree: stepTaking(definition, "downtime-window")!,
    stop: definition.steps.find((step) => step.waitsFor === "window-start")!,
  };
}

/** Proposals are taken while the window is being agreed and, to move it, until it starts (lib/workflow/turn.ts decides). */
function authorizeWindowAction(found: CaseForInput, action: "propose-window" | "accept-window", now: Date) {
  const { agree } = windowSteps(found.procedure);
  try {
    return authorizeInput(found, "downtime-window", action, undefined, now);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "STEP_NOT_READY") throw error;
    const before = stepState(found, agree.number)?.status === "BLOCKED";
    throw new AppError(
      "STEP_NOT_READY",
      before
        ? "The downtime window is agreed once the steps before it are done."
        : "The downtime window has started; it can no longer be changed.",
    );
  }
}

/** One side proposes one or more windows; open proposals of the other side count as declined (a counter-proposal). */
export async function proposeWindows(actorId: string, caseId: string, windows: Window[], now = new Date()) {
  await db().$transaction(async (tx) => {
    const found = await loadForInput(tx, caseId, actorId);
    const agree = authorizeWindowAction(found, "propose-window", now);
    if (windows.length === 0 || windows.length > WINDOW_LIMITS.maxPerProposal)
      throw new AppError("VALIDATION_FAILED", `Propose between 1 and ${WINDOW_LIMITS.maxPerProposal} windows.`);
    const problems = windows
      .map((window, index) => [index, windowProblem(window, now)] as const)
      .filter(([, problem]) => problem);
    if (problems.length > 0) {
      throw new AppError(
        "VALIDATION_FAILED",
        problems.map(([index, problem]) => `Window ${index + 1}: ${problem}`).join(" "),
        Object.fromEntries(problems.map(([index, problem]) => [`window${index}`, [problem!]])),
      );
    }
    if (overlapping(windows))
      throw new AppError("VALIDATION_FAILED", "The proposed windows overlap; propose separate windows.");
    const role = proposingSide(workflowFor(found.procedure), found.roles)!;
    await tx.downtimeProposal.updateMany({
      where: { caseId, status: "OPEN", proposedAsRole: { not: role } },
      data: { status: "DECLINED", respondedById: actorId, respondedAt: now },
    });
    await tx.downtimeProposal.createMany({
      data: windows.map((window) => ({
        caseId,
        start: window.start,
        end: window.end,
        proposedById: actorId,
        proposedAsRole: role,
      })),
    });
    const proposer = await tx.user.findUniqueOrThrow({ where: { id: actorId }, select: { name: true, email: true } });
    const mails = windowProposedMessages(found, await caseRecipients(tx, caseId), role, personLabel(proposer), windows);
    const mailEvents = await queueCaseMail(tx, found.workspaceId, mails);
    await recordAudit(tx, [
      {
        workspaceId: found.workspaceId,
        caseId,
        kind: "window.proposed",
        actorId,
        channel: "WEB",
        stepNumber: agree.number,
        data: { role, windows: windows.map((w) => ({ start: w.start.toISOString(), end: w.end.toISOString() })) },
      },
      ...mailEvents,
    ]);
  });
  kickMailWorker();
}

/** The other side accepts one proposal: the window is fixed on the case, everyone gets the calendar invitation. */
export async function acceptWindow(actorId: string, caseId: string, proposalId: string, now = new Date()) {
  await db().$transaction(async (tx) => {
    const found = await loadForInput(tx, caseId, actorId);
    const agree = authorizeWindowAction(found, "accept-window", now);
    const proposal = await tx.downtimeProposal.findFirst({ where: { id: proposalId, caseId } });
    if (!proposal || proposal.status !== "OPEN")
      throw new AppError("CONFLICT", "This proposal is no longer open: it was accepted, declined or replaced.");
    if (!mayAcceptProposal(workflowFor(found.procedure), proposal.proposedAsRole, found.roles))
      throw new AppError("NOT_YOUR_ROLE", "A window is accepted by the other side: propose another one instead.");
    if (proposal.start <= now)
      throw new AppError("VALIDATION_FAILED", "This window has already started; propose a new one.");
    const taken = await tx.downtimeProposal.updateMany({
      where: { id: proposal.id, status: "OPEN" },
      data: { status: "ACCEPTED", respondedById: actorId, respondedAt: now },
    });
    if (taken.count === 0) throw new AppError("CONFLICT", "This proposal was answered a moment ago.");
    await tx.downtimeProposal.updateMany({
      where: { caseId, status: "OPEN" },
      data: { status: "DECLINED", respondedById: actorId, respondedAt: now },
    });
    const sequence = found.windowStart ? found.windowSequence + 1 : 0;
    await tx.case.update({
      where: { id: caseId },
      data: { windowStart: proposal.start, windowEnd: proposal.end, windowSequence: sequence, windowOverdueAt: null },
    });

    const mails = windowInvitationMessages(
      found,
      await caseRecipients(tx, caseId),
      { start: proposal.start, end: proposal.end },
      sequence,
      "REQUEST",
      now,
    );
    const mailEvents = await queueCaseMail(tx, found.workspaceId, mails);
    const audit: AuditEntry[] = [
      {
        workspaceId: found.workspaceId,
        caseId,
        kind: "window.accepted",
        actorId,
        channel: "WEB",
        stepNumber: agree.number,
        data: { start: proposal.start.toISOString(), end: proposal.end.toISOString(), sequence },
      },
      ...mailEvents,
    ];
    await recordAudit(tx, audit);
    if (stepState(found, agree.number)?.status === "READY") {
      await completeStepInTransaction(tx, {
        caseId,
        stepNumber: agree.number,
        actorId,
        channel: "WEB",
        withInput: true,
        details: { windowStart: proposal.start.toISOString(), windowEnd: proposal.end.toISOString() },
      });
    }
  });
  kickMailWorker();
}

/**
 * Performs the "stop the flows" hand-over: by the scheduler when the window starts, or early by the tenant
 * administrator who confirmed explicitly that the flows stop before the agreed window.
 */
async function performStopHandover(
  tx: Prisma.TransactionClient,
  caseId: string,
  now: Date,
  early?: { actorId: string },
) {
  await lockCase(tx, caseId);
  const found = await tx.case.findUniqueOrThrow({
    where: { id: caseId },
    select: {
      ...caseSummarySelect,
      status: true,
      windowStart: true,
      steps: { select: { number: true, status: true } },
    },
  });
  const { definition, stop } = windowSteps(found.procedure);
  const decision = planScheduledHandover(definition, found.status, found.steps, stop.number);
  if (!decision.ok) return false;
  const claimed = await tx.step.updateMany({
    where: { caseId, number: stop.number, status: "READY" },
    data: {
      status: "DONE",
      completedAt: now,
      channel: early ? "WEB" : "SYSTEM",
      completedById: early?.actorId ?? null,
    },
  });
  if (claimed.count === 0) return false;
  const followUps = await applyFollowUps(tx, found, decision.plan, now);
  await recordAudit(tx, [
    {
      workspaceId: found.workspaceId,
      caseId,
      kind: early ? "step.completed" : "window.started",
      actorId: early?.actorId ?? null,
      channel: early ? "WEB" : "SYSTEM",
      stepNumber: stop.number,
      data: { key: stop.key, ...(early ? { early: true } : {}), windowStart: found.windowStart?.toISOString() ?? null },
    },
    ...followUps,
  ]);
  return true;
}

export async function startStopEarly(actorId: string, caseId: string, confirmed: boolean, now = new Date()) {
  await db().$transaction(async (tx) => {
    const found = await loadForInput(tx, caseId, actorId);
    authorizeStep(found, windowSteps(found.procedure).stop, "start-early", now);
    if (!confirmed)
      throw new AppError("VALIDATION_FAILED", "Confirm that the flows are to stop before the agreed window starts.", {
        confirmEarly: ["Tick the box to confirm."],
      });
    if (!(await performStopHandover(tx, caseId, now, { actorId })))
      throw new AppError("CONFLICT", "The flows were already asked to stop.");
  });
  kickMailWorker();
}

/** The scheduled job: every case whose window has started gets its "stop the flows" hand-over, once. */
export async function startDueWindows(now = new Date()): Promise<number> {
  const scheduled = Object.values(PROCEDURES).flatMap((definition) =>
    definition.steps
      .filter((step) => step.waitsFor === "window-start")
      .map((step) => ({
        procedure: definition.id,
        steps: { some: { number: step.number, status: "READY" as const } },
      })),
  );
  const due = await db().case.findMany({
    where: { status: "OPEN", windowStart: { lte: now }, OR: scheduled },
    select: { id: true },
    take: 200,
  });
  let started = 0;
  for (const { id } of due) if (await db().$transaction((tx) => performStopHandover(tx, id, now))) started += 1;
  if (started > 0) kickMailWorker();
  return started;
}

/** The window has ended but the case is not finished: the participants and the workspace owners are alerted, once. */
export async function alertOverdueWindows(now = new Date()): Promise<number> {
  const overdue = await db().case.findMany({
    where: { status: "OPEN", windowEnd: { lte: now }, windowOverdueAt: null },
    select: { id: true },
    take: 200,
  });
  let alerted = 0;
  for (const { id } of overdue) {
    const done = await db().$transaction(async (tx) => {
      const claimed = await tx.case.updateMany({
        where: { id, status: "OPEN", windowOverdueAt: null },
        data: { windowOverdueAt: now },
      });
      if (claimed.count === 0) return false;
      const found = await tx.case.findUniqueOrThrow({
        where: { id },
        select: {
          ...caseSummarySelect,
          windowEnd: true,
          steps: {
            where: { status: { in: ["READY", "BLOCKED"] } },
            select: { number: true },
            orderBy: { number: "asc" },
          },
        },
      });
      const mails = windowOverdueMessages(
        found,
        await participantsAndOwners(tx, id, found.workspaceId),
        found.steps.map((step) => step.number),
      );
      const mailEvents = await queueCaseMail(tx, found.workspaceId, mails);
      await recordAudit(tx, [
        {
          workspaceId: found.workspaceId,
          caseId: id,
          kind: "window.overdue",
          channel: "SYSTEM",
          data: { windowEnd: found.windowEnd!.toISOString(), openSteps: found.steps.map((step) => step.number) },
        },
        ...mailEvents,
      ]);
      return true;
    });
    if (done) alerted += 1;
  }
  if (alerted > 0) kickMailWorker();
  return alerted;
}

/** A cancelled case withdraws its calendar invitation (called inside the cancellation's transaction). */
export async function windowCancellationMails(tx: Prisma.TransactionClient, caseId: string, now: Date) {
  const found = await tx.case.findUniqueOrThrow({
    where: { id: caseId },
    select: { ...caseSummarySelect, windowStart: true, windowEnd: true, windowSequence: true },
  });
  if (!found.windowStart || !found.windowEnd || found.windowEnd <= now) return [];
  return windowInvitationMessages(
    found,
    await caseRecipients(tx, caseId),
    { start: found.windowStart, end: found.windowEnd },
    found.windowSequence + 1,
    "CANCEL",
    now,
  );
}
