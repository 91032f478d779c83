"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import type { ActionResult } from "@/lib/actions/result";
import { caseAccess, type CaseAccess } from "@/lib/auth/queries/access";
import { AppError } from "@/lib/errors";
import { isValidTimeZone, normalizeWallTimeText, zonedWallTimeToInstant } from "@/lib/time/zones";
import { confirmKeystoreAlias } from "./store/inputs/keystore-alias";
import { addNodesAndFlows, confirmGridCells } from "./store/inputs/flow-grid";
import { addChecklistItem, tickChecklistItem } from "./store/inputs/receiver-checklist";
import { recordOldRootDecision } from "./store/inputs/old-root";
import { acceptWindow, proposeWindows, startStopEarly } from "./store/inputs/downtime";
import { announceCutOver } from "./store/inputs/cut-over";
import { WINDOW_LIMITS, windowProblem, type Window } from "./downtime";
import { caseIdField, commentField, freeText, nameListField, stepNumberField } from "@/lib/actions/fields";
import type { ActionOptions } from "@/lib/actions/run-action";

const caseId = caseIdField;
const stepNumber = stepNumberField;
const comment = commentField;

/** Runs a step-input service for a person who can see the case (404 otherwise), then refreshes the case page. */
async function onCase<Schema extends z.ZodObject<{ caseId: typeof caseId }>, T>(
  schema: Schema,
  form: FormData,
  service: (input: z.output<Schema>, userId: string, data: FormData, access: CaseAccess) => Promise<T>,
  options: ActionOptions = {},
): Promise<ActionResult<T>> {
  const result = await runAction(
    schema,
    form,
    async (input, user, data) => {
      const access = await caseAccess(user.id, input.caseId);
      return service(input, user.id, data, access);
    },
    options,
  );
  if (result.ok) revalidatePath(`/cases/${form.get("caseId")}`);
  return result;
}

export async function confirmAliasAction(_previous: unknown, form: FormData) {
  const schema = z.object({
    caseId,
    stepNumber,
    alias: z.string().max(200),
    comment,
    withoutTenantCheck: z.literal("yes").optional(),
  });
  return onCase(
    schema,
    form,
    (input, userId) =>
      confirmKeystoreAlias(userId, input.caseId, input.stepNumber, input.alias, input.comment, {
        withoutTenantCheck: input.withoutTenantCheck === "yes",
      }),
    { echo: ["alias", "comment"] },
  );
}

export async function confirmGridAction(_previous: unknown, form: FormData) {
  const schema = z.object({ caseId, stepNumber });
  return onCase(schema, form, (input, userId, data) => {
    const values = data.getAll("cell");
    if (values.length === 0) throw new AppError("VALIDATION_FAILED", "Tick at least one flow and node.");
    if (values.length > 2500) throw new AppError("VALIDATION_FAILED", "Confirm at most 2,500 cells at once.");
    const cells = values.map(readGridCell);
    if (cells.some((cell) => cell === null)) {
      throw new AppError(
        "VALIDATION_FAILED",
        "A ticked cell could not be read. Reload the page and tick the cells again; nothing was saved.",
      );
    }
    return confirmGridCells(userId, input.caseId, input.stepNumber, cells as GridCell[]);
  });
}

type GridCell = { flow: string; node: string };
const gridCell = z.object({ flow: z.string().min(1).max(100), node: z.string().min(1).max(100) });

/** One ticked box of the grid form: JSON of its flow and node, or null when it is anything else. */
function readGridCell(value: FormDataEntryValue): GridCell | null {
  if (typeof value !== "string" || value.length > 1000) return null;
  try {
    const parsed = gridCell.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function addNodesAction(_previous: unknown, form: FormData) {
  const schema = z.object({
    caseId,
    nodes: nameListField("runtime node", { required: false }),
    flows: nameListField("integration flow", { required: false }),
  });
  // Who may add them is the store's to say (lib/workflow/turn.ts, through addNodesAndFlows).
  // Flows ticked from the tenant's deployed artifacts come as repeated "deployedFlow" fields, beside the typed ones.
  return onCase(
    schema,
    form,
    (input, userId, data) => {
      const picked = data
        .getAll("deployedFlow")
        .filter((value): value is string => typeof value === "string" && value.trim().length > 0)
        .map((value) => value.trim().slice(0, 200));
      return addNodesAndFlows(userId, input.caseId, input.nodes, [...input.flows, ...picked]);
    },
    { echo: ["nodes", "flows"] },
  );
}

export async function tickChecklistAction(_previous: unknown, form: FormData) {
  const schema = z.object({
    caseId,
    itemId: z.string().min(1).max(40),
    performer: z.enum(["self", "third-party"]),
    thirdParty: z.string().trim().max(120).optional(),
  });
  return onCase(schema, form, (input, userId) => {
    if (input.performer === "third-party" && !input.thirdParty)
      throw new AppError("VALIDATION_FAILED", "Name who performed it, for example “SAP IT”.");
    return tickChecklistItem(userId, input.caseId, input.itemId, input.performer === "self" ? null : input.thirdParty!);
  });
}

export async function addChecklistItemAction(_previous: unknown, form: FormData) {
  const schema = z.object({
    caseId,
    label: freeText("The task", 300).pipe(z.string().min(3, "Describe the task in a few words.")),
  });
  return onCase(schema, form, (input, userId) => addChecklistItem(userId, input.caseId, input.label));
}

export async function oldRootDecisionAction(_previous: unknown, form: FormData) {
  const schema = z
    .object({
      caseId,
      stepNumber,
      oldRoot: z.enum(["removed", "kept"], { error: "Say whether the old root CA was removed or kept." }),
      reason: freeText("The reason", 1000).pipe(z.string().min(3, "Say why, in a few words.")),
      oldClientCertificateRemoved: z.literal("yes").optional(),
      askOldClientCertificate: z.string().optional(),
    })
    // `when` makes the check run even when other fields failed, so the person sees every problem in one round.
    .refine((input) => !input.askOldClientCertificate || input.oldClientCertificateRemoved === "yes", {
      path: ["oldClientCertificateRemoved"],
      message: "Confirm that the old client certificate was removed from the receiver.",
      when: () => true,
    });
  return onCase(
    schema,
    form,
    (input, userId) =>
      recordOldRootDecision(userId, input.caseId, input.stepNumber, {
        oldRoot: input.oldRoot,
        reason: input.reason,
        ...(form.has("askOldClientCertificate")
          ? { oldClientCertificateRemoved: input.oldClientCertificateRemoved === "yes" }
          : {}),
      }),
    { echo: ["oldRoot", "reason"] },
  );
}

export async function proposeWindowsAction(_previous: unknown, form: FormData) {
  const schema = z.object({ caseId, timeZone: z.string().max(100) });
  return onCase(
    schema,
    form,
    (input, userId, data) => {
      const zone = isValidTimeZone(input.timeZone) ? input.timeZone : "UTC";
      const windows: Window[] = [];
      const problems: Record<string, string[]> = {};
      const now = new Date();
      for (let index = 0; index < WINDOW_LIMITS.maxPerProposal; index += 1) {
        const startText = String(data.get(`window${index}Start`) ?? "").trim();
        const endText = String(data.get(`window${index}End`) ?? "").trim();
        if (!startText && !endText) continue;
        const start = readWallTime(startText, zone);
        const end = readWallTime(endText, zone);
        if (!start)
          problems[`window${index}Start`] = [
            startText ? `“${startText}” is not a time like 5 Dec 2026, 06:00.` : "Enter when the window starts.",
          ];
        if (!end)
          problems[`window${index}End`] = [
            endText ? `“${endText}” is not a time like 5 Dec 2026, 07:30.` : "Enter when the window ends.",
          ];
        if (!start || !end) continue;
        const problem = windowProblem({ start, end }, now);
        if (problem) problems[`window${index}End`] = [problem];
        windows.push({ start, end });
      }
      // Every problem of every window at once, each next to its field.
      if (Object.keys(problems).length > 0)
        throw new AppError("VALIDATION_FAILED", "Some windows need attention. Nothing was proposed.", problems);
      if (windows.length === 0)
        throw new AppError("VALIDATION_FAILED", "Enter at least one window.", {
          window0Start: ["Enter when the window starts."],
          window0End: ["Enter when the window ends."],
        });
      return proposeWindows(userId, input.caseId, windows);
    },
    {
      echo: Array.from({ length: WINDOW_LIMITS.maxPerProposal }, (_, index) => [
        `window${index}Start`,
        `window${index}End`,
      ]).flat(),
    },
  );
}

export async function announceCutOverAction(_previous: unknown, form: FormData) {
  const schema = z.object({
    caseId,
    stepNumber,
    timeZone: z.string().max(100),
    cutOverAt: z.string({ error: "Enter when the load balancer switches." }).trim().max(100),
    comment,
  });
  return onCase(
    schema,
    form,
    (input, userId) => {
      const zone = isValidTimeZone(input.timeZone) ? input.timeZone : "UTC";
      const at = readWallTime(input.cutOverAt, zone);
      if (!at) {
        const message = input.cutOverAt
          ? `“${input.cutOverAt}” is not a time like 5 Dec 2026, 06:00.`
          : "Enter when the load balancer switches.";
        throw new AppError("VALIDATION_FAILED", message, { cutOverAt: [message] });
      }
      return announceCutOver(userId, input.caseId, input.stepNumber, at, input.comment);
    },
    { echo: ["cutOverAt", "comment"] },
  );
}

/** "5 Dec 2026, 06:00" (or ISO) in the proposer's zone, as an instant. */
function readWallTime(text: string, zone: string): Date | null {
  const wallTime = normalizeWallTimeText(text);
  return wallTime ? zonedWallTimeToInstant(wallTime, zone) : null;
}

export async function acceptWindowAction(_previous: unknown, form: FormData) {
  const schema = z.object({ caseId, proposalId: z.string().min(1).max(40) });
  return onCase(schema, form, (input, userId) => acceptWindow(userId, input.caseId, input.proposalId));
}

export async function stopEarlyAction(_previous: unknown, form: FormData) {
  const schema = z.object({ caseId, confirmEarly: z.literal("yes").optional() });
  return onCase(schema, form, (input, userId) => startStopEarly(userId, input.caseId, input.confirmEarly === "yes"));
}
