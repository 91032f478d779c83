import "server-only";
import { db } from "@/lib/db";
import { fingerprints, toDer } from "@/lib/certificates";
import { clientFor } from "@/lib/tenant/connection-client";
import { TenantError, type KeystoreEntry } from "@/lib/tenant/cpi-client";
import { SecretBoxError } from "@/lib/tenant/secret-box";
import { judgeKeystoreEntry, type KeystoreVerdict } from "@/lib/tenant/keystore-verdict";

export type KeystoreCheck =
  | { kind: "no-tenant" }
  | { kind: "unreachable"; tenant: string; reason: string }
  | (KeystoreVerdict & { tenant: string; alias: string; fingerprintOfEntry: string | null });

/** The entry's SHA-256 as the tenant states it, or computed from its certificate when the tenant leaves it out. */
async function fingerprintOf(entry: KeystoreEntry, download: () => Promise<string>): Promise<string | null> {
  if (entry.fingerprintSha256) return entry.fingerprintSha256;
  return fingerprints(toDer(await download())).sha256;
}

/**
 * Reads the case's tenant keystore under the alias and compares it with the case's new client certificate (and
 * its old one, to say "still the old certificate"). A tenant that cannot be read is an answer too, never an error:
 * the person may then confirm without the check.
 */
export async function checkKeystoreAgainstTenant(caseId: string, alias: string): Promise<KeystoreCheck> {
  const found = await db().case.findUnique({
    where: { id: caseId },
    select: {
      tenant: true,
      certificates: {
        where: { role: { in: ["leaf", "old-leaf"] } },
        select: { role: true, sha256: true },
        orderBy: { createdAt: "desc" },
      },
    },
  });
  const tenant = found?.tenant;
  if (!tenant) return { kind: "no-tenant" };
  const newSha256 = found.certificates.find((certificate) => certificate.role === "leaf")?.sha256;
  const oldSha256 = found.certificates.find((certificate) => certificate.role === "old-leaf")?.sha256 ?? null;
  if (!newSha256)
    return { kind: "unreachable", tenant: tenant.name, reason: "the case has no new client certificate to compare" };
  try {
    const client = clientFor(tenant);
    let entry: KeystoreEntry | null;
    try {
      entry = await client.getKeystoreEntry(alias);
    } catch (error) {
      if (error instanceof TenantError && error.code === "NOT_FOUND") entry = null;
      else throw error;
    }
    const fingerprint = entry ? await fingerprintOf(entry, () => client.downloadCertificate(alias)) : null;
    return {
      ...judgeKeystoreEntry(entry, fingerprint, { newSha256, oldSha256 }),
      tenant: tenant.name,
      alias,
      fingerprintOfEntry: fingerprint,
    };
  } catch (error) {
    if (error instanceof TenantError || error instanceof SecretBoxError)
      return { kind: "unreachable", tenant: tenant.name, reason: error.message };
    throw error;
  }
}
