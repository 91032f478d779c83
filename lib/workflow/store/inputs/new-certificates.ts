import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/store/record";
import { AppError } from "@/lib/errors";
import { kickMailWorker } from "@/lib/mail/store/delivery";
import { validateRenewal, type RenewalResult } from "@/lib/certificates/policy";
import type { UploadPart } from "@/lib/certificates/intake";
import type { Finding } from "@/lib/certificates/findings";
import { oldCertificateParts } from "@/lib/certificates/queries/case-certificates";
import { storeUpload, uploadAuditData } from "@/lib/certificates/store/uploads";
import { completeStepInTransaction } from "../complete-step";
import { workflowFor } from "../../definitions";
import { authorizeInput, loadForInput } from "./context";

export interface NewCertificatesSubmission {
  caseId: string;
  actorId: string;
  newLeaf: UploadPart[];
  newRoot: UploadPart[];
  /** Findings found before parsing (oversized files), added to the result. */
  earlyErrors: Finding[];
  warningsAcknowledged: boolean;
  comment?: string;
}

export type SubmissionOutcome =
  | { status: "rejected"; result: RenewalResult }
  | { status: "needs-acknowledgement"; result: RenewalResult }
  | { status: "stored"; result: RenewalResult; nowReady: number | null };

/**
 * Step 1 of every procedure: validates the new certificates against the uploaded root and the case's old
 * certificates, by the procedure's certificate policy. Errors store nothing; warnings must be acknowledged; an accepted upload is stored and step 1
 * completed in one transaction (the role and order checks of the step apply, so a refusal stores nothing either).
 */
export async function submitNewCertificates(submission: NewCertificatesSubmission): Promise<SubmissionOutcome> {
  const old = await oldCertificateParts(submission.caseId);
  const found = await db().case.findUnique({ where: { id: submission.caseId }, select: { procedure: true } });
  const validated = validateRenewal({
    newLeaf: submission.newLeaf,
    newRoot: submission.newRoot,
    ...old,
    ...(found ? { policy: workflowFor(found.procedure).certificate } : {}),
  });
  const checkedAs = found?.procedure;
  const result: RenewalResult = submission.earlyErrors.length
    ? {
        accepted: false,
        errors: [...submission.earlyErrors, ...validated.errors.filter((error) => error.code !== "EMPTY_UPLOAD")],
        warnings: [],
        certificates: [],
        chain: [],
      }
    : validated;
  if (!result.accepted) return { status: "rejected", result };
  if (result.warnings.length > 0 && !submission.warningsAcknowledged)
    return { status: "needs-acknowledgement", result };

  const newCertificates = result.certificates.filter((certificate) => !certificate.role.startsWith("old-"));
  const plan = await db().$transaction(async (tx) => {
    const found = await loadForInput(tx, submission.caseId, submission.actorId); // locks the case first, like every change
    const step = authorizeInput(found, "certificates", "give-input");
    // Checked by one procedure's rules, stored under another's would skip a check (the case switched meanwhile).
    if (found.procedure !== checkedAs)
      throw new AppError(
        "CONFLICT",
        "The case's procedure changed while the certificates were being checked. Nothing was stored: upload them again.",
      );
    // Stored first: the hand-over mail that completing the step queues attaches these certificates.
    await storeUpload(tx, {
      caseId: submission.caseId,
      set: "NEW",
      uploadedById: submission.actorId,
      certificates: newCertificates,
      warnings: result.warnings,
      acknowledged: submission.warningsAcknowledged,
      chain: result.chain,
    });
    const completed = await completeStepInTransaction(tx, {
      caseId: submission.caseId,
      stepNumber: step.number,
      actorId: submission.actorId,
      channel: "WEB",
      comment: submission.comment,
      withInput: true,
    });
    await recordAudit(tx, [
      {
        workspaceId: found.workspaceId,
        caseId: submission.caseId,
        kind: "certificate.uploaded",
        actorId: submission.actorId,
        channel: "WEB",
        stepNumber: step.number,
        data: { set: "NEW", ...uploadAuditData(newCertificates, result.warnings, submission.warningsAcknowledged) },
      },
    ]);
    return completed;
  });
  kickMailWorker();
  return { status: "stored", result, nowReady: plan.nowReady };
}
