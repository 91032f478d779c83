"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import { caseIdField } from "@/lib/actions/fields";
import type { ActionResult } from "@/lib/actions/result";
import { resendMail } from "@/lib/mail/store/resend";

const schema = z.object({ caseId: caseIdField, mailId: z.string().min(1).max(40) });

/** Workspace owners and the case's participants may put a failed message back into the outbox. */
export async function resendMailAction(_previous: ActionResult | null, form: FormData) {
  const result = await runAction(schema, form, async (input, user) => {
    await resendMail(user.id, input.mailId, input.caseId);
    return undefined;
  });
  if (result.ok) revalidatePath(`/cases/${form.get("caseId")}`);
  return result;
}
