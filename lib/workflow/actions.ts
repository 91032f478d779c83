"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import type { ActionResult } from "@/lib/actions/result";
import { assertCanCreateCase, assertOwner, caseAccess } from "@/lib/auth/access";
import { caseInputSchema } from "./case-input";
import { createCase } from "./store/create-case";
import { completeStep } from "./store/complete-step";
import { cancelCase } from "./store/cancel-case";
import { oldCertificatesFromForm } from "@/lib/certificates/store/old-from-form";
import { oldCertificatesFromSource } from "./store/renewal-source";

export async function createCaseAction(_previous: ActionResult<{ caseId: string }> | null, form: FormData) {
  const result = await runAction(caseInputSchema, form, async (input, user, data) => {
    await assertCanCreateCase(user.id, input.workspaceId); // before any uploaded byte is read
    const renewing = data.get("oldCertificateId");
    const chosenFile = data.get("oldLeafFile");
    const fileChosen = typeof chosenFile === "object" && chosenFile !== null && chosenFile.size > 0;
    // A renewal started from a certificate in use takes that certificate, unless another old certificate was chosen.
    const old = typeof renewing === "string" && renewing && !fileChosen
      ? await oldCertificatesFromSource(user.id, renewing, input.workspaceId)
      : await oldCertificatesFromForm(data);
    return createCase(user, input, old);
  });
  if (result.ok) {
    revalidatePath("/inbox");
    revalidatePath("/cases");
    redirect(`/cases/${result.data.caseId}`);
  }
  return result;
}

const completeStepSchema = z.object({
  caseId: z.string().min(1).max(40),
  stepNumber: z.coerce.number().int().min(1).max(20),
  confirm: z.literal("yes", { error: "Tick the box to confirm that the step is done." }),
  comment: z.string().trim().max(2000, "A comment can be at most 2000 characters.").optional().transform((value) => value || undefined),
});

export async function completeStepAction(_previous: ActionResult<{ nowReady: number | null }> | null, form: FormData) {
  const result = await runAction(completeStepSchema, form, async (input, user) => {
    await caseAccess(user.id, input.caseId); // not visible to this person: 404, before any role check
    const plan = await completeStep({ caseId: input.caseId, stepNumber: input.stepNumber, actorId: user.id, channel: "WEB", comment: input.comment });
    return { nowReady: plan.nowReady };
  });
  if (result.ok) {
    revalidatePath(`/cases/${form.get("caseId")}`);
    revalidatePath("/inbox");
  }
  return result;
}

const cancelCaseSchema = z.object({
  caseId: z.string().min(1).max(40),
  reason: z.string().trim().min(5, "Give a reason of at least 5 characters.").max(1000, "The reason can be at most 1000 characters."),
});

export async function cancelCaseAction(_previous: ActionResult | null, form: FormData) {
  const result = await runAction(cancelCaseSchema, form, async (input, user) => {
    assertOwner(await caseAccess(user.id, input.caseId));
    await cancelCase(user, input.caseId, input.reason);
    return undefined;
  });
  if (result.ok) {
    revalidatePath(`/cases/${form.get("caseId")}`);
    revalidatePath("/inbox");
  }
  return result;
}
