import "server-only";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { caseActions, type CaseActionKind, type Role, type WorkflowDefinition } from "@/lib/workflow";
import type { CaseStatus, WorkspaceRole } from "@/lib/generated/prisma/enums";

export interface CaseAccess {
  caseId: string;
  workspaceId: string;
  workspaceRole: WorkspaceRole;
  /** The roles the viewer holds on this case (may be empty for a workspace member who only watches). */
  roles: Role[];
  status: CaseStatus;
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
      status: true,
      workspace: { select: { memberships: { where: { userId }, select: { role: true } } } },
      participants: { where: { userId }, select: { role: true } },
    },
  });
  const membership = found?.workspace.memberships[0];
  if (!found || !membership) throw notFound();
  const roles = found.participants.map((participant) => participant.role);
  if (membership.role === "GUEST" && roles.length === 0) throw notFound();
  return {
    caseId: found.id,
    workspaceId: found.workspaceId,
    workspaceRole: membership.role,
    roles,
    status: found.status,
  };
}

export async function workspaceRole(userId: string, workspaceId: string): Promise<WorkspaceRole | null> {
  const membership = await db().membership.findUnique({
    where: { workspaceId_userId: { workspaceId, userId } },
    select: { role: true },
  });
  return membership?.role ?? null;
}

/** Owners and members start cases; guests only work on the cases they were invited to. */
export async function assertCanCreateCase(userId: string, workspaceId: string): Promise<void> {
  const role = await workspaceRole(userId, workspaceId);
  if (!role) throw new AppError("NOT_FOUND", "This workspace does not exist or you are not a member of it.");
  if (role === "GUEST")
    throw new AppError(
      "FORBIDDEN",
      "Guests of a workspace cannot start cases. Ask a member of the workspace to start it.",
    );
}

const CASE_ACTION_REFUSAL: Record<CaseActionKind, string> = {
  "add-nodes-flows":
    "Runtime nodes and flows are added by the tenant administrator, the integration developer or a workspace owner.",
  "cancel-case": "Only an owner of the workspace can cancel an open case.",
  "resend-mail": "Only the workspace owners and the people on this case can re-send its e-mail.",
};

/** Refuses a case-wide action that the rule of who may act (lib/workflow/turn.ts) does not allow this viewer. */
export function assertCaseAction(access: CaseAccess, action: CaseActionKind, definition?: WorkflowDefinition): void {
  if (caseActions(access, access, definition).includes(action)) return;
  if (access.status !== "OPEN" && caseActions({ status: "OPEN" }, access, definition).includes(action)) {
    throw new AppError("CASE_CLOSED", "This case is closed; nothing about it can change any more.");
  }
  throw new AppError("FORBIDDEN", CASE_ACTION_REFUSAL[action]);
}
