"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import type { ActionResult } from "@/lib/actions/result";
import { labelText } from "@/lib/actions/fields";
import { createWorkspace } from "@/lib/workspaces/store/workspaces";

const schema = z.object({ name: labelText("The name", 2, 80) });

export async function createWorkspaceAction(_previous: ActionResult<{ workspaceId: string }> | null, form: FormData) {
  const result = await runAction(schema, form, (input, user) => createWorkspace(user, input.name), { echo: ["name"] });
  if (result.ok) redirect("/cases/new");
  return result;
}
