import "server-only";
import { AppError } from "@/lib/errors";
import { readOldCertificates } from "@/lib/certificates/old-certificates";
import type { CertificateSummary } from "@/lib/certificates/summary";
import { TenantError } from "@/lib/tenant/cpi-client";
import { SecretBoxError } from "@/lib/tenant/secret-box";
import { db } from "@/lib/db";
import { tenantEntrySource } from "@/lib/tenant/queries/entries";
import { clientFor } from "@/lib/tenant/connection-client";

const text = (pem: string) => ({ name: "tenant.pem", bytes: new TextEncoder().encode(pem) });

/**
 * The old client certificate and its root for a renewal started from a keystore entry, downloaded from the tenant
 * now (the entry's certificate, and the last certificate of its chain as the root when the chain has more than one).
 */
export async function oldCertificatesFromTenantEntry(
  userId: string,
  entryId: string,
  workspaceId: string,
): Promise<CertificateSummary[]> {
  const source = await tenantEntrySource(userId, entryId);
  if (source.workspaceId !== workspaceId)
    throw new AppError("VALIDATION_FAILED", "The keystore entry to renew belongs to another workspace.");
  const tenant = await db().tenantConnection.findUniqueOrThrow({ where: { id: source.values.tenantId } });
  try {
    const client = clientFor(tenant);
    const leaf = await client.downloadCertificate(source.values.keystoreAlias);
    const chain = await client.downloadCertificateChain(source.values.keystoreAlias);
    const root = chain.length > 1 ? chain[chain.length - 1]! : null;
    const read = readOldCertificates([text(leaf)], root ? [text(root)] : []);
    if (!read.ok)
      throw new AppError(
        "VALIDATION_FAILED",
        `The tenant's certificate could not be read: ${read.errors.map((error) => error.message).join(" ")}`,
      );
    return read.certificates;
  } catch (error) {
    if (error instanceof TenantError || error instanceof SecretBoxError)
      throw new AppError(
        "TENANT_UNREACHABLE",
        `The certificate could not be downloaded from tenant “${tenant.name}”: ${error.message} Nothing was saved; try again, or choose the old certificate as a file.`,
      );
    throw error;
  }
}
