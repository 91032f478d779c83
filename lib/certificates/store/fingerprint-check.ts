import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/store/record";
import { fingerprintMatches } from "../fingerprint";
import { latestUploads } from "@/lib/certificates/queries/case-certificates";

export interface FingerprintCheck {
  matched: boolean;
  role?: string;
  subject?: string;
}

/** Tells whether a pasted SHA-256 or SHA-1 fingerprint belongs to one of the case's new certificates. */
export async function checkFingerprint(actorId: string, caseId: string, pasted: string): Promise<FingerprintCheck> {
  const normalized = pasted
    .replace(/^.*=/, "")
    .replace(/[\s:-]/g, "")
    .toUpperCase();
  if (!/^[0-9A-F]{40}$|^[0-9A-F]{64}$/.test(normalized)) {
    throw new AppError(
      "VALIDATION_FAILED",
      "That is not a fingerprint: paste a SHA-256 (64 hex digits) or SHA-1 (40 hex digits) value, with or without colons.",
    );
  }
  const { NEW: latest } = await latestUploads(caseId);
  if (!latest) throw new AppError("STEP_NOT_READY", "No new certificate has been uploaded to this case yet.");
  const match = latest.certificates.find((certificate) => fingerprintMatches(normalized, certificate));
  const found = await db().case.findUniqueOrThrow({ where: { id: caseId }, select: { workspaceId: true } });
  await db().$transaction((tx) =>
    recordAudit(tx, [
      {
        workspaceId: found.workspaceId,
        caseId,
        kind: "certificate.fingerprint_checked",
        actorId,
        channel: "WEB",
        data: {
          fingerprint: normalized,
          matched: !!match,
          ...(match ? { role: match.role, sha256: match.fingerprints.sha256 } : {}),
        },
      },
    ]),
  );
  return match ? { matched: true, role: match.role, subject: match.subject } : { matched: false };
}
