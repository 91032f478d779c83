import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/store/record";
import { buildPkcs7 } from "../pkcs7";
import { toDer, toPem } from "../pem";
import { latestUploads } from "@/lib/certificates/queries/case-certificates";

export type CertificateFormat = "pem" | "der";
export type ChainFormat = "pem" | "p7b";

export interface Download {
  filename: string;
  contentType: string;
  body: Uint8Array | string;
}

const FILE_STEM: Record<string, string> = {
  leaf: "new-client-certificate",
  intermediate: "intermediate-ca",
  root: "new-root-ca",
  "old-leaf": "old-client-certificate",
  "old-root": "old-root-ca",
};

async function recordDownload(actorId: string, caseId: string, what: Record<string, string>) {
  const found = await db().case.findUniqueOrThrow({ where: { id: caseId }, select: { workspaceId: true } });
  await db().$transaction((tx) =>
    recordAudit(tx, [
      { workspaceId: found.workspaceId, caseId, kind: "certificate.downloaded", actorId, channel: "WEB", data: what },
    ]),
  );
}

/** One stored certificate of a case, as PEM or DER. The download is recorded. */
export async function certificateDownload(
  actorId: string,
  caseId: string,
  certificateId: string,
  format: CertificateFormat,
): Promise<Download> {
  const certificate = await db().storedCertificate.findFirst({
    where: { id: certificateId, caseId },
    select: { role: true, der: true, sha256: true },
  });
  if (!certificate) throw new AppError("NOT_FOUND", "This certificate does not exist on this case.");
  const stem = FILE_STEM[certificate.role] ?? "certificate";
  await recordDownload(actorId, caseId, { role: certificate.role, sha256: certificate.sha256, format });
  const der = new Uint8Array(certificate.der);
  return format === "pem"
    ? { filename: `${stem}.pem`, contentType: "application/x-pem-file", body: toPem(der) }
    : { filename: `${stem}.der`, contentType: "application/pkix-cert", body: der };
}

/** The whole new chain (client certificate, intermediates, root) as one PEM file or a PKCS#7 bundle. */
export async function chainDownload(actorId: string, caseId: string, format: ChainFormat): Promise<Download> {
  const latest = (await latestUploads(caseId)).NEW;
  const chain = latest?.certificates.filter((certificate) => certificate.inChain) ?? [];
  if (chain.length === 0) throw new AppError("NOT_FOUND", "No new certificates have been uploaded to this case yet.");
  await recordDownload(actorId, caseId, { role: "chain", format, sha256: chain[0]!.fingerprints.sha256 });
  return format === "pem"
    ? {
        filename: "new-certificate-chain.pem",
        contentType: "application/x-pem-file",
        body: chain.map((certificate) => certificate.pem).join(""),
      }
    : {
        filename: "new-certificate-chain.p7b",
        contentType: "application/x-pkcs7-certificates",
        body: buildPkcs7(
          chain.map((certificate) => toDer(certificate.pem)),
          "der",
        ),
      };
}
