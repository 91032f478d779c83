import "server-only";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import type { Role } from "@/lib/workflow";
import type { WorkspaceRole } from "@/lib/generated/prisma/enums";

export interface CaseAccess {
  caseId: string;
  workspaceId: string;
  workspaceRole: WorkspaceRole;
  /** The roles the viewer holds on this case (may be empty for a workspace member who only watches). */
  roles: Role[];
}

/**
 * Who may see a case: owners and members of its workspace, and guests who take part in it.
 * Everyone else gets "not found", so the existence of a case is not revealed.
 */
export async function caseAccess(userId: string, caseId: string): Promise<CaseAccess> {
  const found = await db().case.findUnique({
    where: { id: caseId },
    select: {
      id: true,
      workspaceId: true,
      workspace: { select: { memberships: { where: { userId }, select: { role: true } } } },
      participants: { where: { userId }, select: { role: true } },
    },
  });
  const membership = found?.workspace.memberships[0];
  if (!found || !membership) throw notFound();
  const roles = found.participants.map((participant) => participant.role);
  if (membership.role === "GUEST" && roles.length === 0) throw notFound();
  return { caseId: found.id, workspaceId: found.workspaceId, workspaceRole: membership.role, roles };
}

export async function workspaceRole(userId: string, workspaceId: string): Promise<WorkspaceRole | null> {
  const membership = await db().membership.findUnique({ where: { workspaceId_userId: { workspaceId, userId } }, select: { role: true } });
  return membership?.role ?? null;
}

/** Owners and members start cases; guests only work on the cases they were invited to. */
export async function assertCanCreateCase(userId: string, workspaceId: string): Promise<void> {
  const role = await workspaceRole(userId, workspaceId);
  if (!role) throw new AppError("NOT_FOUND", "This workspace does not exist or you are not a member of it.");
  if (role === "GUEST") throw new AppError("FORBIDDEN", "Guests of a workspace cannot start cases. Ask a member of the workspace to start it.");
}

export function assertOwner(access: CaseAccess): void {
  if (access.workspaceRole !== "OWNER") throw new AppError("FORBIDDEN", "Only an owner of the workspace can cancel a case.");
}
