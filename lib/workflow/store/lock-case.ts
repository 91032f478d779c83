import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Serializes the changes to one case: the transaction holds the case row until it commits, so the next one
 * waits and then reads what this one wrote. Without it, two people confirming the last two parts of a step at
 * once would each see the other's part still open, and the step would never complete. Every transaction that
 * changes a case takes this lock first, which keeps the lock order the same everywhere (no deadlocks).
 *
 * NO KEY UPDATE, not UPDATE: it excludes the other changers of the case (and its own UPDATEs), but not the key-share
 * locks that inserting a row which refers to the case takes (mail, audit events, reminders' links), so the reminder
 * and mail jobs, which do not take this lock, never wait for it while holding a row a changer needs.
 */
export async function lockCase(tx: Prisma.TransactionClient, caseId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "Case" WHERE id = ${caseId} FOR NO KEY UPDATE`;
}
