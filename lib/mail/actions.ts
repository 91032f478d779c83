"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import type { ActionResult } from "@/lib/actions/result";
import { caseAccess } from "@/lib/auth/access";
import { AppError } from "@/lib/errors";
import { resendMail } from "./resend";

const schema = z.object({ caseId: z.string().min(1).max(40), mailId: z.string().min(1).max(40) });

/** Workspace owners and the case's participants may put a failed message back into the outbox. */
export async function resendMailAction(_previous: ActionResult | null, form: FormData) {
  const result = await runAction(schema, form, async (input, user) => {
    const access = await caseAccess(user.id, input.caseId);
    if (access.workspaceRole !== "OWNER" && access.roles.length === 0) {
      throw new AppError("FORBIDDEN", "Only the workspace owners and the people on this case can re-send its e-mail.");
    }
    await resendMail(user.id, input.mailId, input.caseId);
    return undefined;
  });
  if (result.ok) revalidatePath(`/cases/${form.get("caseId")}`);
  return result;
}
