import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Recipient } from "@/lib/mail/case-messages";
import type { Role } from "../roles";

/** The case's participants grouped per person, with every role each one holds. */
export async function caseRecipients(tx: Prisma.TransactionClient, caseId: string): Promise<Recipient[]> {
  const participants = await tx.participant.findMany({
    where: { caseId },
    select: { role: true, user: { select: { email: true } } },
    orderBy: { createdAt: "asc" },
  });
  const byEmail = new Map<string, Role[]>();
  for (const participant of participants) {
    const roles = byEmail.get(participant.user.email) ?? [];
    roles.push(participant.role);
    byEmail.set(participant.user.email, roles);
  }
  return [...byEmail].map(([email, roles]) => ({ email, roles }));
}
