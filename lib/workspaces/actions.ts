"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import type { ActionResult } from "@/lib/actions/result";
import { createWorkspace, membershipsOf } from "./store";
import { AppError } from "@/lib/errors";

const schema = z.object({
  name: z.string().trim().min(2, "The name needs at least 2 characters.").max(80, "The name can be at most 80 characters."),
});

export async function createWorkspaceAction(_previous: ActionResult<{ workspaceId: string }> | null, form: FormData) {
  const result = await runAction(schema, form, async (input, user) => {
    const existing = await membershipsOf(user.id);
    if (existing.some((membership) => membership.role === "OWNER")) {
      throw new AppError("CONFLICT", "You already own a workspace.");
    }
    return createWorkspace(user, input.name);
  });
  if (result.ok) redirect("/cases/new");
  return result;
}
