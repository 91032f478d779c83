import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { figuresByWorkspace } from "@/lib/workspaces/queries/overview-cache";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { tenantCertificatesExpiring } from "@/lib/tenant/queries/entries";
import type { ProcedureId } from "@/lib/workflow";

const DAY = 86_400_000;

/** Certificates in use: the new ones of completed cases, and the old ones of open cases (they are still live). */
function inUse(workspaceId: string): Prisma.StoredCertificateWhereInput {
  return {
    case: { workspaceId },
    OR: [
      { role: { in: ["leaf", "root"] }, upload: { set: "NEW" }, case: { status: "COMPLETED" } },
      { role: { in: ["old-leaf", "old-root"] }, case: { status: "OPEN" } },
    ],
  };
}

/** The workspaces whose overview the person may see (members and owners, not guests); asked once per request. */
export const overviewWorkspaces = cache(async (userId: string) => {
  const memberships = await db().membership.findMany({
    where: { userId, role: { in: ["OWNER", "MEMBER"] } },
    orderBy: { createdAt: "asc" },
    select: { role: true, workspace: { select: { id: true, name: true } } },
  });
  return memberships.map((membership) => ({ ...membership.workspace, role: membership.role }));
});

/**
 * People on the workspace's open cases whom their company's provider no longer lets in (lib/auth/store/
 * provider-accounts.ts), with the steps ready now, so an owner can see whose work is stuck. Not cached: it must
 * show at once.
 */
export async function participantsWhoCannotSignIn(workspaceId: string) {
  return db().participant.findMany({
    where: { user: { signInRevokedAt: { not: null } }, case: { workspaceId, status: "OPEN" } },
    orderBy: { createdAt: "asc" },
    take: 50,
    select: {
      role: true,
      user: { select: { name: true, email: true, signInRevokedAt: true } },
      case: {
        select: {
          id: true,
          title: true,
          procedure: true,
          steps: { where: { status: "READY" }, select: { number: true, key: true, role: true } },
        },
      },
    },
  });
}

export async function loadOverview(userId: string, workspaceId: string) {
  const allowed = await overviewWorkspaces(userId);
  if (!allowed.some((workspace) => workspace.id === workspaceId))
    throw new AppError("NOT_FOUND", "This workspace does not exist or you are not a member of it.");
  return figuresByWorkspace.get(workspaceId, () => computeOverview(workspaceId, new Date()));
}

async function computeOverview(workspaceId: string, now: Date) {
  const openCase = { workspaceId, status: "OPEN" as const };
  const [byStage, longest, byProcedure, completedPerMonth, expiring, expiryByMonth] = await Promise.all([
    db().$queryRaw<{ procedure: ProcedureId; key: string; count: number }[]>`
      SELECT k.procedure, s.key, count(*)::int AS count FROM "Step" s JOIN "Case" k ON k.id = s."caseId"
      WHERE k."workspaceId" = ${workspaceId} AND k.status = 'OPEN' AND s.status = 'READY'
      GROUP BY 1, 2 ORDER BY 3 DESC, 2`,
    db().step.findMany({
      where: { status: "READY", case: openCase },
      orderBy: { readyAt: "asc" },
      take: 10,
      select: {
        number: true,
        key: true,
        role: true,
        readyAt: true,
        case: { select: { id: true, title: true, procedure: true } },
      },
    }),
    db().case.groupBy({ by: ["procedure", "status"], where: { workspaceId }, _count: { _all: true } }),
    db().$queryRaw<{ month: Date; count: bigint }[]>`
      SELECT date_trunc('month', "closedAt") AS month, count(*) AS count FROM "Case"
      WHERE "workspaceId" = ${workspaceId} AND status = 'COMPLETED' AND "closedAt" >= ${new Date(now.getTime() - 365 * DAY)}
      GROUP BY 1 ORDER BY 1`,
    db().storedCertificate.findMany({
      where: { ...inUse(workspaceId), notAfter: { lte: new Date(now.getTime() + 365 * DAY) } },
      orderBy: { notAfter: "asc" },
      take: 100,
      select: {
        id: true,
        role: true,
        subject: true,
        notAfter: true,
        sha256: true,
        case: { select: { id: true, title: true, status: true, procedure: true } },
      },
    }),
    // Same "in use" rule as above, counted per month of expiry in the database.
    db().$queryRaw<{ month: string; count: number }[]>`
      SELECT to_char(date_trunc('month', c."notAfter"), 'YYYY-MM') AS month, count(*)::int AS count
      FROM "StoredCertificate" c
      JOIN "Case" k ON k.id = c."caseId"
      JOIN "CertificateUpload" u ON u.id = c."uploadId"
      WHERE k."workspaceId" = ${workspaceId}
        AND ((c.role IN ('leaf', 'root') AND u.set = 'NEW' AND k.status = 'COMPLETED') OR (c.role IN ('old-leaf', 'old-root') AND k.status = 'OPEN'))
        AND c."notAfter" < ${new Date(now.getTime() + 365 * DAY)}
      GROUP BY 1 ORDER BY 1`,
  ]);
  // The tenants' keystores (read by the scheduler) count as certificates in use too, in the chart and the list.
  const tenantExpiring = await tenantCertificatesExpiring(workspaceId, now);
  const months = new Map(expiryByMonth.map((row) => [row.month, row.count]));
  for (const entry of tenantExpiring) {
    const month = entry.notAfter!.toISOString().slice(0, 7);
    months.set(month, (months.get(month) ?? 0) + 1);
  }
  return {
    asOf: now,
    tenantExpiring,
    byStage,
    longest,
    byProcedure: byProcedure.map((row) => ({ procedure: row.procedure, status: row.status, count: row._count._all })),
    completedPerMonth: completedPerMonth.map((row) => ({
      month: row.month.toISOString().slice(0, 7),
      count: Number(row.count),
    })),
    expiring: expiring.map((certificate) => ({
      ...certificate,
      daysLeft: Math.floor((certificate.notAfter.getTime() - now.getTime()) / DAY),
    })),
    expiryByMonth: [...months].sort(([a], [b]) => a.localeCompare(b)).map(([month, count]) => ({ month, count })),
  };
}

export type Overview = Awaited<ReturnType<typeof computeOverview>>;
