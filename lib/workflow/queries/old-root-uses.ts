import "server-only";
import { db } from "@/lib/db";

export interface OldRootUse {
  caseId: string;
  title: string;
  status: string;
  role: string;
}

/**
 * Before the old root CA goes: every other case of the workspace that still has a certificate with that root's
 * fingerprint (as its root, old root, or in its chain). An old root that was never uploaded cannot be checked.
 */
export async function otherUsesOfOldRoot(caseId: string) {
  const oldRoot = await db().storedCertificate.findFirst({
    where: { caseId, role: "old-root" },
    orderBy: { createdAt: "desc" },
    select: { sha256: true, subject: true, case: { select: { workspaceId: true } } },
  });
  if (!oldRoot) return { oldRoot: null, uses: [] as OldRootUse[] };
  const others = await db().storedCertificate.findMany({
    where: { sha256: oldRoot.sha256, caseId: { not: caseId }, case: { workspaceId: oldRoot.case.workspaceId } },
    select: { role: true, case: { select: { id: true, title: true, status: true } } },
    orderBy: { createdAt: "desc" },
    take: 100,
  });
  return {
    oldRoot: { sha256: oldRoot.sha256, subject: oldRoot.subject },
    uses: others.map((other) => ({
      caseId: other.case.id,
      title: other.case.title,
      status: other.case.status,
      role: other.role,
    })),
  };
}
