import "server-only";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";

/** Everything the case page shows. Access is checked by the caller (lib/auth/access). */
export async function loadCaseDetail(caseId: string) {
  const found = await db().case.findUnique({
    where: { id: caseId },
    include: {
      workspace: { select: { id: true, name: true } },
      createdBy: { select: { name: true, email: true } },
      steps: { orderBy: { number: "asc" }, include: { completedBy: { select: { name: true, email: true } } } },
      participants: { orderBy: { createdAt: "asc" }, include: { user: { select: { id: true, name: true, email: true } } } },
    },
  });
  if (!found) throw notFound();
  return found;
}

export type CaseDetail = Awaited<ReturnType<typeof loadCaseDetail>>;
