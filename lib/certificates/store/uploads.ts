import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { CertificateSet } from "@/lib/generated/prisma/enums";
import type { CertificateSummary } from "../summary";
import type { Finding } from "../findings";
import type { ChainLink } from "../policy";
import { toDer } from "../pem";

export interface UploadToStore {
  caseId: string;
  set: CertificateSet;
  uploadedById: string;
  certificates: CertificateSummary[];
  warnings?: Finding[];
  acknowledged?: boolean;
  chain?: ChainLink[];
}

/** Stores an accepted upload with its certificates (whole, as DER) in the caller's transaction. */
export async function storeUpload(tx: Prisma.TransactionClient, upload: UploadToStore): Promise<string> {
  const created = await tx.certificateUpload.create({
    data: {
      caseId: upload.caseId,
      set: upload.set,
      uploadedById: upload.uploadedById,
      warnings: (upload.warnings ?? []) as unknown as Prisma.InputJsonValue,
      warningsAcknowledged: upload.acknowledged ?? false,
      chain: (upload.chain ?? []) as unknown as Prisma.InputJsonValue,
    },
    select: { id: true },
  });
  await tx.storedCertificate.createMany({
    data: upload.certificates.map((certificate, position) => ({
      uploadId: created.id,
      caseId: upload.caseId,
      role: certificate.role,
      position,
      der: Buffer.from(toDer(certificate.pem)),
      subject: certificate.subject,
      issuer: certificate.issuer,
      serialNumber: certificate.serialNumber,
      notBefore: new Date(certificate.notBefore),
      notAfter: new Date(certificate.notAfter),
      sha256: certificate.fingerprints.sha256,
      sha1: certificate.fingerprints.sha1,
      summary: certificate as unknown as Prisma.InputJsonValue,
    })),
  });
  return created.id;
}

/** What the audit trail keeps of an upload: which certificates (by fingerprint) and which findings. */
export function uploadAuditData(
  certificates: CertificateSummary[],
  warnings: Finding[],
  acknowledged: boolean,
): Prisma.InputJsonObject {
  return {
    certificates: certificates.map((certificate) => ({
      role: certificate.role,
      subject: certificate.subject,
      sha256: certificate.fingerprints.sha256,
    })),
    warnings: warnings.map((warning) => warning.code),
    warningsAcknowledged: acknowledged,
  };
}
