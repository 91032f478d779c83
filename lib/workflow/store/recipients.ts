import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Recipient } from "@/lib/mail/case-messages";
import type { Role } from "../roles";

/** The case's participants grouped per person, with every role each one holds. */
export async function caseRecipients(tx: Prisma.TransactionClient, caseId: string): Promise<Recipient[]> {
  const participants = await tx.participant.findMany({
    where: { caseId },
    select: { role: true, user: { select: { id: true, email: true, emailVerified: true } } },
    orderBy: { createdAt: "asc" },
  });
  const byUser = new Map<string, Recipient>();
  for (const { role, user } of participants) {
    const recipient = byUser.get(user.id) ?? {
      userId: user.id,
      email: user.email,
      signedInBefore: user.emailVerified !== null,
      roles: [] as Role[],
    };
    recipient.roles.push(role);
    byUser.set(user.id, recipient);
  }
  return [...byUser.values()];
}

/** Everyone an alert about the case goes to: its participants and the workspace's owners, each address once. */
export async function participantsAndOwners(
  tx: Prisma.TransactionClient,
  caseId: string,
  workspaceId: string,
): Promise<string[]> {
  const owners = await tx.membership.findMany({
    where: { workspaceId, role: "OWNER" },
    select: { user: { select: { email: true } } },
  });
  const participants = (await caseRecipients(tx, caseId)).map((recipient) => recipient.email);
  return [...new Set([...participants, ...owners.map((owner) => owner.user.email)])];
}
