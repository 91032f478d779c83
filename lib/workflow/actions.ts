"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import type { ActionResult } from "@/lib/actions/result";
import { assertCanCreateCase, caseAccess } from "@/lib/auth/queries/access";
import { caseInputSchema } from "./case-input";
import { AppError } from "@/lib/errors";
import { createCase } from "./store/create-case";
import { completeStep } from "./store/complete-step";
import { cancelCase } from "./store/cancel-case";
import { switchToSameCa } from "./store/switch-procedure";
import { oldCertificatesFromForm } from "@/lib/certificates/old-from-form";
import { oldCertificatesFromTenantEntry } from "@/lib/tenant/store/renewal-from-entry";
import { oldCertificatesFromSource } from "@/lib/workflow/queries/renewal-source";
import { caseIdField, commentField, freeText, stepNumberField } from "@/lib/actions/fields";

/** The new-case form's fields that it shows again after a refusal; the pasted old certificates are not among them. */
const CASE_FORM_ECHO = [
  "workspaceId",
  "tenantId",
  "title",
  "receiverSystem",
  "keyOwner",
  "caChanges",
  "acceptsBoth",
  "operatingModel",
  "receiverLandscape",
  "keystoreAlias",
  "runtimeNodes",
  "integrationFlows",
  "tenantAdmins",
  "receiverAdmins",
  "integrationDevelopers",
  "senderAdmins",
  "loadBalancerAdmins",
  "oldCertificateId",
] as const;

/** The old certificates' problems, as field messages, for a form that fails for other reasons as well. */
async function oldCertificateProblems(form: FormData): Promise<Record<string, string> | undefined> {
  try {
    await oldCertificatesFromForm(form);
    return undefined;
  } catch (error) {
    if (!(error instanceof AppError) || !error.fieldErrors) throw error;
    return Object.fromEntries(
      Object.entries(error.fieldErrors).map(([field, messages]) => [field, messages.join(" ")]),
    );
  }
}

export async function createCaseAction(_previous: ActionResult<{ caseId: string }> | null, form: FormData) {
  const result = await runAction(
    caseInputSchema,
    form,
    async (input, user, data) => {
      await assertCanCreateCase(user.id, input.workspaceId); // before any uploaded byte is read
      const renewing = data.get("oldCertificateId");
      const chosenFile = data.get("oldLeafFile");
      const fileChosen = typeof chosenFile === "object" && chosenFile !== null && chosenFile.size > 0;
      // A renewal started from a certificate in use takes that certificate, unless another old certificate was chosen.
      const fromTenantEntry = data.get("fromTenantEntry");
      const old =
        typeof renewing === "string" && renewing && !fileChosen
          ? await oldCertificatesFromSource(user.id, renewing, input.workspaceId)
          : typeof fromTenantEntry === "string" && fromTenantEntry && !fileChosen
            ? await oldCertificatesFromTenantEntry(user.id, fromTenantEntry, input.workspaceId)
            : await oldCertificatesFromForm(data);
      return createCase(user, input, old);
    },
    { echo: CASE_FORM_ECHO, alsoCheck: oldCertificateProblems },
  );
  if (result.ok) {
    revalidatePath("/inbox");
    revalidatePath("/cases");
    redirect(`/cases/${result.data.caseId}`);
  }
  return result;
}

const completeStepSchema = z.object({
  caseId: caseIdField,
  stepNumber: stepNumberField,
  confirm: z.literal("yes", { error: "Tick the box to confirm that the step is done." }),
  comment: commentField,
});

export async function completeStepAction(_previous: ActionResult<{ nowReady: number | null }> | null, form: FormData) {
  const result = await runAction(
    completeStepSchema,
    form,
    async (input, user) => {
      await caseAccess(user.id, input.caseId); // not visible to this person: 404, before any role check
      const plan = await completeStep({
        caseId: input.caseId,
        stepNumber: input.stepNumber,
        actorId: user.id,
        channel: "WEB",
        comment: input.comment,
      });
      return { nowReady: plan.nowReady };
    },
    { echo: ["comment"] },
  );
  if (result.ok) {
    revalidatePath(`/cases/${form.get("caseId")}`);
    revalidatePath("/inbox");
  }
  return result;
}

const cancelCaseSchema = z.object({
  caseId: caseIdField,
  reason: freeText("The reason", 1000).pipe(z.string().min(5, "Give a reason of at least 5 characters.")),
});

export async function cancelCaseAction(_previous: ActionResult | null, form: FormData) {
  const result = await runAction(
    cancelCaseSchema,
    form,
    async (input, user) => {
      await cancelCase(user, input.caseId, input.reason);
      return undefined;
    },
    { echo: ["reason"] },
  );
  if (result.ok) {
    revalidatePath(`/cases/${form.get("caseId")}`);
    revalidatePath("/inbox");
  }
  return result;
}

/** The uploaded certificate shows the same CA as the old one: run the case as a same-CA renewal instead. */
export async function switchToSameCaAction(_previous: ActionResult | null, form: FormData) {
  const result = await runAction(z.object({ caseId: caseIdField }), form, async (input, user) => {
    await caseAccess(user.id, input.caseId); // not visible to this person: 404, before any role check
    await switchToSameCa(user.id, input.caseId);
    return undefined;
  });
  if (result.ok) revalidatePath(`/cases/${form.get("caseId")}`);
  return result;
}
