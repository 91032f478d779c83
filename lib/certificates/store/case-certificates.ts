import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { latestUploads } from "@/lib/certificates/queries/case-certificates";

/** The new certificate and root of a case (for the hand-over mail). */
export async function newLeafAndRoot(client: Prisma.TransactionClient, caseId: string) {
  const latest = (await latestUploads(caseId, client)).NEW;
  if (!latest) return [];
  return latest.certificates.filter(
    (certificate) => certificate.inChain && (certificate.role === "leaf" || certificate.role === "root"),
  );
}
