"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import type { ActionResult } from "@/lib/actions/result";
import { resendMail } from "./resend";

const schema = z.object({ caseId: z.string().min(1).max(40), mailId: z.string().min(1).max(40) });

/** Workspace owners and the case's participants may put a failed message back into the outbox. */
export async function resendMailAction(_previous: ActionResult | null, form: FormData) {
  const result = await runAction(schema, form, async (input, user) => {
    await resendMail(user.id, input.mailId, input.caseId);
    return undefined;
  });
  if (result.ok) revalidatePath(`/cases/${form.get("caseId")}`);
  return result;
}
