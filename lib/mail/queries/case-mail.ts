import "server-only";
import { db } from "@/lib/db";

/** Undeliverable mail of the workspaces the person owns (the owner is the one who can fix an address). */
export async function failedMailForOwner(ownedWorkspaceIds: string[]) {
  if (ownedWorkspaceIds.length === 0) return [];
  return db().outgoingMail.findMany({
    where: { status: "FAILED", case: { workspaceId: { in: ownedWorkspaceIds } } },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: {
      id: true,
      toAddress: true,
      subject: true,
      lastError: true,
      attempts: true,
      caseId: true,
      case: { select: { title: true } },
    },
  });
}

export async function caseMail(caseId: string) {
  return db().outgoingMail.findMany({
    where: { caseId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      toAddress: true,
      subject: true,
      status: true,
      attempts: true,
      lastError: true,
      sentAt: true,
      createdAt: true,
    },
  });
}
