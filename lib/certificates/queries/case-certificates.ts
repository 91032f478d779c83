import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { CertificateSet } from "@/lib/generated/prisma/enums";
import type { UploadPart } from "@/lib/certificates/intake";
import type { CertificateSummary } from "@/lib/certificates/summary";
import type { ChainLink } from "@/lib/certificates/policy";
import type { Finding } from "@/lib/certificates/findings";
import { displayName } from "@/lib/people";

export interface StoredUploadView {
  id: string;
  set: CertificateSet;
  createdAt: Date;
  uploadedBy: string;
  warnings: Finding[];
  warningsAcknowledged: boolean;
  chain: ChainLink[];
  certificates: (CertificateSummary & { id: string })[];
}

/** The latest accepted upload of each set on a case (a later upload replaces an earlier one). */
export async function latestUploads(
  caseId: string,
  client: Prisma.TransactionClient = db(),
): Promise<Partial<Record<CertificateSet, StoredUploadView>>> {
  const uploads = await client.certificateUpload.findMany({
    where: { caseId },
    orderBy: { createdAt: "desc" },
    include: {
      uploadedBy: { select: { name: true, email: true } },
      certificates: { orderBy: { position: "asc" }, select: { id: true, summary: true } },
    },
  });
  const latest: Partial<Record<CertificateSet, StoredUploadView>> = {};
  for (const upload of uploads) {
    latest[upload.set] ??= {
      id: upload.id,
      set: upload.set,
      createdAt: upload.createdAt,
      uploadedBy: displayName(upload.uploadedBy),
      warnings: upload.warnings as unknown as Finding[],
      warningsAcknowledged: upload.warningsAcknowledged,
      chain: upload.chain as unknown as ChainLink[],
      certificates: upload.certificates.map((certificate) => ({
        ...(certificate.summary as unknown as CertificateSummary),
        id: certificate.id,
      })),
    };
  }
  return latest;
}

/** The old certificates of a case as upload parts, so the new upload is compared with them. */
export async function oldCertificateParts(caseId: string): Promise<{ oldLeaf: UploadPart[]; oldRoot: UploadPart[] }> {
  const old = await db().storedCertificate.findMany({
    where: { caseId, upload: { set: "OLD" } },
    orderBy: [{ createdAt: "desc" }, { position: "asc" }],
    select: { role: true, der: true },
  });
  const part = (role: string) =>
    old
      .filter((certificate) => certificate.role === role)
      .slice(0, 1)
      .map((certificate) => ({ name: role, bytes: new Uint8Array(certificate.der) }));
  return { oldLeaf: part("old-leaf"), oldRoot: part("old-root") };
}
