import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import type { SignedInUser } from "@/lib/auth/session";

export async function membershipsOf(userId: string) {
  return db().membership.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { role: true, workspace: { select: { id: true, name: true } } },
  });
}

/** A person without a workspace starts their own and owns it. */
export async function createWorkspace(actor: SignedInUser, name: string): Promise<{ workspaceId: string }> {
  return db().$transaction(async (tx) => {
    const workspace = await tx.workspace.create({ data: { name, memberships: { create: { userId: actor.id, role: "OWNER" } } } });
    await recordAudit(tx, [{ workspaceId: workspace.id, kind: "workspace.created", actorId: actor.id, channel: "WEB", data: { name } }]);
    return { workspaceId: workspace.id };
  });
}
