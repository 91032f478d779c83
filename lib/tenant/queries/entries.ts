import "server-only";
import { answersForKeystoreEntry } from "@/lib/workflow/proposal";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

const DAY = 86_400_000;

/** The certificates the workspace's tenants hold, expiring within a year, soonest first (the overview). */
export async function tenantCertificatesExpiring(workspaceId: string, now: Date) {
  const entries = await db().tenantKeystoreEntry.findMany({
    where: { tenant: { workspaceId }, notAfter: { lte: new Date(now.getTime() + 365 * DAY) } },
    orderBy: { notAfter: "asc" },
    take: 100,
    select: {
      id: true,
      alias: true,
      type: true,
      subject: true,
      notAfter: true,
      tenant: { select: { id: true, name: true } },
    },
  });
  return entries.map((entry) => ({
    ...entry,
    daysLeft: Math.floor((entry.notAfter!.getTime() - now.getTime()) / DAY),
  }));
}

/** A tenant's entries as its page lists them. */
export async function entriesOfTenant(tenantId: string) {
  return db().tenantKeystoreEntry.findMany({
    where: { tenantId },
    orderBy: { alias: "asc" },
    select: { id: true, alias: true, type: true, subject: true, issuer: true, notAfter: true, changedAt: true },
  });
}

/** "Start a renewal" from a keystore entry: the facts to pre-fill, for members (not guests) of its workspace. */
export async function tenantEntrySource(userId: string, entryId: string) {
  const entry = await db().tenantKeystoreEntry.findUnique({
    where: { id: entryId },
    select: {
      id: true,
      alias: true,
      type: true,
      subject: true,
      tenant: {
        select: {
          id: true,
          workspaceId: true,
          workspace: { select: { memberships: { where: { userId }, select: { role: true } } } },
        },
      },
    },
  });
  const role = entry?.tenant.workspace.memberships[0]?.role;
  if (!entry || !role || role === "GUEST")
    throw new AppError("NOT_FOUND", "This keystore entry does not exist or you have no access to it.");
  return {
    entryId: entry.id,
    workspaceId: entry.tenant.workspaceId,
    subject: entry.subject ?? entry.alias,
    values: {
      title: `Renewal of ${entry.subject ?? entry.alias}`,
      ...answersForKeystoreEntry(entry.type),
      keystoreAlias: entry.alias,
      tenantId: entry.tenant.id,
    },
  };
}
