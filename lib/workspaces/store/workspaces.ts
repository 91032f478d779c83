import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/store/record";
import { AppError } from "@/lib/errors";
import type { SignedInUser } from "@/lib/auth/session";
import { workspaceCreationFor } from "@/lib/workspaces/creation-policy";

/** A person who may (WORKSPACE_CREATORS) and owns none yet starts their own workspace and owns it. */
export async function createWorkspace(actor: SignedInUser, name: string): Promise<{ workspaceId: string }> {
  const policy = workspaceCreationFor(actor.email);
  if (!policy.allowed) throw new AppError("FORBIDDEN", policy.reason);
  const owned = await db().membership.count({ where: { userId: actor.id, role: "OWNER" } });
  if (owned > 0) throw new AppError("CONFLICT", "You already own a workspace.");
  return db().$transaction(async (tx) => {
    const workspace = await tx.workspace.create({
      data: { name, memberships: { create: { userId: actor.id, role: "OWNER" } } },
    });
    await recordAudit(tx, [
      { workspaceId: workspace.id, kind: "workspace.created", actorId: actor.id, channel: "WEB", data: { name } },
    ]);
    return { workspaceId: workspace.id };
  });
}

/** The operator's way (`npm run workspace:create`): a workspace for a named owner, whatever WORKSPACE_CREATORS says. */
export async function createWorkspaceForOwner(
  ownerEmail: string,
  name: string,
): Promise<{ workspaceId: string; ownerId: string }> {
  const email = ownerEmail.trim().toLowerCase();
  return db().$transaction(async (tx) => {
    const owner = await tx.user.upsert({ where: { email }, update: {}, create: { email }, select: { id: true } });
    const workspace = await tx.workspace.create({
      data: { name, memberships: { create: { userId: owner.id, role: "OWNER" } } },
    });
    await recordAudit(tx, [
      {
        workspaceId: workspace.id,
        kind: "workspace.created",
        actorId: null,
        channel: "SYSTEM",
        data: { name, owner: email, by: "operator" },
      },
    ]);
    return { workspaceId: workspace.id, ownerId: owner.id };
  });
}
