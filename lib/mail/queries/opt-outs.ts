import "server-only";
import { db } from "@/lib/db";

/** What the refusal page shows: whose address, which workspace, and whether mail from it is refused now. */
export async function optOutState(workspaceId: string, email: string) {
  const workspace = await db().workspace.findUnique({
    where: { id: workspaceId },
    select: { name: true, mailOptOuts: { where: { email }, select: { createdAt: true } } },
  });
  if (!workspace) return null;
  return { workspaceName: workspace.name, email, refusedSince: workspace.mailOptOuts[0]?.createdAt ?? null };
}
