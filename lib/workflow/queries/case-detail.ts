import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

/** The case with its steps and people, and the viewer's membership of its workspace (for the access check). */
function caseInclude(viewerId: string) {
  return {
    workspace: {
      select: { id: true, name: true, memberships: { where: { userId: viewerId }, select: { role: true } } },
    },
    createdBy: { select: { name: true, email: true } },
    tenant: { select: { name: true } },
    steps: { orderBy: { number: "asc" }, include: { completedBy: { select: { name: true, email: true } } } },
    participants: {
      orderBy: { createdAt: "asc" },
      include: { user: { select: { id: true, name: true, email: true, signInRevokedAt: true } } },
    },
  } satisfies Prisma.CaseInclude;
}

/** What the step cards show besides the steps: grid cells, receiver tasks, window proposals. */
export const procedureInclude = {
  confirmations: {
    orderBy: { confirmedAt: "asc" },
    select: {
      stepNumber: true,
      flow: true,
      node: true,
      confirmedAt: true,
      confirmedBy: { select: { name: true, email: true } },
    },
  },
  checklist: {
    orderBy: { position: "asc" },
    select: {
      id: true,
      stepNumber: true,
      label: true,
      thirdParty: true,
      doneAt: true,
      performedBy: true,
      doneBy: { select: { name: true, email: true } },
    },
  },
  proposals: {
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      start: true,
      end: true,
      status: true,
      proposedAsRole: true,
      createdAt: true,
      proposedBy: { select: { name: true, email: true } },
    },
  },
} satisfies Prisma.CaseInclude;

/** The case as a viewer's page needs it, in one statement; access is decided from it by the caller (case-view.ts). */
export async function loadCaseDetail(caseId: string, viewerId: string) {
  return db().case.findUnique({ where: { id: caseId }, include: caseInclude(viewerId) });
}

/** The same with the step cards' details, still one statement: the case page's default view. */
export async function loadCaseDetailWithProcedure(caseId: string, viewerId: string) {
  return db().case.findUnique({ where: { id: caseId }, include: { ...caseInclude(viewerId), ...procedureInclude } });
}

export type CaseDetail = NonNullable<Awaited<ReturnType<typeof loadCaseDetail>>>;
export type CaseDetailWithProcedure = NonNullable<Awaited<ReturnType<typeof loadCaseDetailWithProcedure>>>;
