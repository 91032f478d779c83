import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { caseAccess } from "@/lib/auth/queries/access";
import type { CertificateSummary } from "@/lib/certificates/summary";
import { ROLE_FIELD, ROLES } from "../roles";
import { answersFor } from "../proposal";

/**
 * "Start a renewal" from a certificate in use: the new case takes that certificate (and the root of the same upload)
 * as its old certificates, and its procedure, facts and people from the case it came from.
 */
export async function renewalSource(userId: string, certificateId: string) {
  const certificate = await db().storedCertificate.findUnique({
    where: { id: certificateId },
    select: { id: true, role: true, uploadId: true, subject: true, caseId: true },
  });
  if (!certificate || !["leaf", "old-leaf"].includes(certificate.role))
    throw new AppError("NOT_FOUND", "This certificate does not exist or you have no access to it.");
  await caseAccess(userId, certificate.caseId);
  const source = await db().case.findUniqueOrThrow({
    where: { id: certificate.caseId },
    select: {
      id: true,
      workspaceId: true,
      title: true,
      procedure: true,
      receiverSystem: true,
      operatingModel: true,
      receiverLandscape: true,
      keystoreAlias: true,
      runtimeNodes: true,
      integrationFlows: true,
      participants: { select: { role: true, user: { select: { email: true } } } },
    },
  });
  const emails = (role: string) =>
    source.participants
      .filter((participant) => participant.role === role)
      .map((participant) => participant.user.email)
      .join(", ");
  return {
    certificateId: certificate.id,
    workspaceId: source.workspaceId,
    subject: certificate.subject,
    values: {
      title: `Renewal of ${certificate.subject}`,
      ...answersFor(source.procedure),
      receiverSystem: source.receiverSystem,
      operatingModel: source.operatingModel,
      receiverLandscape: source.receiverLandscape,
      keystoreAlias: source.keystoreAlias ?? "",
      runtimeNodes: source.runtimeNodes.join("\n"),
      integrationFlows: source.integrationFlows.join("\n"),
      ...Object.fromEntries(ROLES.map((role) => [ROLE_FIELD[role], emails(role)])),
    } as Record<string, string>,
  };
}

/** The source certificate and its root as the old certificates of the new case (same workspace only). */
export async function oldCertificatesFromSource(
  userId: string,
  certificateId: string,
  workspaceId: string,
): Promise<CertificateSummary[]> {
  const source = await renewalSource(userId, certificateId);
  if (source.workspaceId !== workspaceId)
    throw new AppError("VALIDATION_FAILED", "The certificate to renew belongs to another workspace.");
  const leaf = await db().storedCertificate.findUniqueOrThrow({
    where: { id: certificateId },
    select: { uploadId: true, role: true, summary: true },
  });
  const rootRole = leaf.role === "leaf" ? "root" : "old-root";
  const root = await db().storedCertificate.findFirst({
    where: { uploadId: leaf.uploadId, role: rootRole },
    select: { summary: true },
  });
  return [
    { ...(leaf.summary as unknown as CertificateSummary), role: "old-leaf", inChain: false },
    ...(root
      ? [{ ...(root.summary as unknown as CertificateSummary), role: "old-root" as const, inChain: false }]
      : []),
  ];
}
