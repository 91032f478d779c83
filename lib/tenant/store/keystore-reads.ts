import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAudit, type AuditEntry } from "@/lib/audit/store/record";
import { queueCaseMail } from "@/lib/mail/store/outbox";
import { kickMailWorker } from "@/lib/mail/store/delivery";
import { composeMail } from "@/lib/mail/compose";
import { appBaseUrl } from "@/lib/mail/mode";
import { TenantError, type KeystoreEntry } from "@/lib/tenant/cpi-client";
import { SecretBoxError } from "@/lib/tenant/secret-box";
import { sameFingerprint } from "@/lib/tenant/keystore-verdict";
import { thresholdToNotify } from "@/lib/tenant/expiry-threshold";
import { forgetOverview } from "@/lib/workspaces/queries/overview-cache";
import { clientFor } from "@/lib/tenant/connection-client";
import { requireOwner } from "./connections";

/** How often each connected tenant's keystore is read by the scheduler (daily by default). */
function readEveryMs(): number {
  return Number(process.env.TENANT_READ_EVERY_HOURS ?? 24) * 3_600_000;
}

type Tenant = NonNullable<Awaited<ReturnType<typeof loadTenant>>>;

function loadTenant(tenantId: string) {
  return db().tenantConnection.findUnique({ where: { id: tenantId } });
}

function expiringMail(tenant: Tenant, entry: KeystoreEntry, days: number, to: string) {
  const day = entry.validNotAfter?.toISOString().slice(0, 10) ?? "unknown";
  return {
    to,
    ...composeMail({
      subject: `Renewal Desk: a certificate of tenant “${tenant.name}” expires within ${days} days`,
      heading: `Certificate under “${entry.alias}” expires on ${day}`,
      paragraphs: [
        `The keystore of the integration tenant “${tenant.name}” holds a certificate that expires within ${days} days: ${entry.subjectDN ?? "unknown subject"}, issued by ${entry.issuerDN ?? "unknown"}, under the alias “${entry.alias}”.`,
        "Start its renewal from the overview, where it is listed with the certificates of your cases.",
      ],
      action: { label: "Open the overview", url: `${appBaseUrl()}/overview?workspace=${tenant.workspaceId}` },
      reason: "You receive this because you own the workspace that connected this tenant.",
    }),
  };
}

/**
 * Reads one tenant's keystore and keeps what it holds. A certificate that changed under an alias with no open case
 * of this tenant for that alias is recorded as changed outside any case; owners are told once per threshold (90,
 * 60, 30 days) that a certificate is about to expire. A tenant that cannot be read keeps its last entries and
 * records why.
 */
async function readTenant(tenant: Tenant, now: Date): Promise<{ entries: number } | { failure: string }> {
  let entries: KeystoreEntry[];
  try {
    entries = await clientFor(tenant).listKeystoreEntries();
  } catch (error) {
    if (!(error instanceof TenantError || error instanceof SecretBoxError)) throw error;
    await db().tenantConnection.update({ where: { id: tenant.id }, data: { keystoreReadFailure: error.message } });
    return { failure: error.message };
  }
  await db().$transaction(async (tx) => {
    // Reads of one tenant (the scheduler's and an owner's "now") take turns, so each threshold is told once.
    await tx.$queryRaw`SELECT id FROM "TenantConnection" WHERE id = ${tenant.id} FOR UPDATE`;
    const known = new Map(
      (await tx.tenantKeystoreEntry.findMany({ where: { tenantId: tenant.id } })).map((row) => [row.alias, row]),
    );
    const inCases = new Set(
      (
        await tx.case.findMany({
          where: { tenantId: tenant.id, status: "OPEN" },
          select: { keystoreAlias: true },
        })
      ).map((row) => row.keystoreAlias),
    );
    const owners = (
      await tx.membership.findMany({
        where: { workspaceId: tenant.workspaceId, role: "OWNER" },
        select: { user: { select: { email: true } } },
      })
    ).map((membership) => membership.user.email);
    const audit: AuditEntry[] = [];
    const mails = [];
    for (const entry of entries) {
      const before = known.get(entry.alias);
      const changed =
        before !== undefined &&
        !(before.sha256 && entry.fingerprintSha256 && sameFingerprint(before.sha256, entry.fingerprintSha256));
      const notifiedDays = changed ? null : (before?.notifiedDays ?? null);
      const threshold = thresholdToNotify(entry.validNotAfter, now, notifiedDays);
      if (changed && !inCases.has(entry.alias))
        audit.push({
          workspaceId: tenant.workspaceId,
          kind: "tenant.entry_changed",
          channel: "SYSTEM",
          data: {
            tenant: tenant.name,
            alias: entry.alias,
            subject: entry.subjectDN ?? "",
            sha256: entry.fingerprintSha256 ?? "",
          },
        });
      if (threshold !== null) {
        mails.push(...owners.map((owner) => expiringMail(tenant, entry, threshold, owner)));
        audit.push({
          workspaceId: tenant.workspaceId,
          kind: "tenant.entry_expiring",
          channel: "SYSTEM",
          data: { tenant: tenant.name, alias: entry.alias, days: threshold },
        });
      }
      const facts = {
        type: entry.type,
        subject: entry.subjectDN,
        issuer: entry.issuerDN,
        notBefore: entry.validNotBefore,
        notAfter: entry.validNotAfter,
        sha256: entry.fingerprintSha256,
        lastSeenAt: now,
        notifiedDays: threshold ?? notifiedDays,
        ...(changed ? { changedAt: now } : {}),
      };
      await tx.tenantKeystoreEntry.upsert({
        where: { tenantId_alias: { tenantId: tenant.id, alias: entry.alias } },
        create: { tenantId: tenant.id, alias: entry.alias, ...facts },
        update: facts,
      });
    }
    await tx.tenantKeystoreEntry.deleteMany({
      where: { tenantId: tenant.id, alias: { notIn: entries.map((entry) => entry.alias) } },
    });
    await tx.tenantConnection.update({
      where: { id: tenant.id },
      data: { keystoreReadAt: now, keystoreReadFailure: null },
    });
    await recordAudit(tx, [...audit, ...(await queueCaseMail(tx, tenant.workspaceId, mails))]);
  });
  forgetOverview(tenant.workspaceId); // the overview lists these certificates
  if (entries.length > 0) kickMailWorker();
  return { entries: entries.length };
}

/** The scheduled read (lib/jobs/scheduler.ts): due tenants are claimed by one instance each (SKIP LOCKED). */
export async function readDueKeystores(now = new Date(), batch = 10): Promise<number> {
  const next = new Date(now.getTime() + readEveryMs());
  const due = await db().$queryRaw<{ id: string }[]>`
    UPDATE "TenantConnection" SET "keystoreReadAfter" = ${next}
    WHERE id IN (
      SELECT id FROM "TenantConnection"
      WHERE "keystoreReadAfter" IS NULL OR "keystoreReadAfter" <= ${now}
      ORDER BY "keystoreReadAfter" NULLS FIRST LIMIT ${batch}
      FOR UPDATE SKIP LOCKED)
    RETURNING id`;
  for (const { id } of due) {
    const tenant = await loadTenant(id);
    if (tenant) await readTenant(tenant, now);
  }
  return due.length;
}

/** "Read the keystore now" (owners only). */
export async function readKeystoreNow(actorId: string, tenantId: string) {
  const tenant = await loadTenant(tenantId);
  if (!tenant) throw new AppError("NOT_FOUND", "This tenant connection does not exist.");
  await requireOwner(actorId, tenant.workspaceId);
  return readTenant(tenant, new Date());
}
