"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import { caseIdField, commentField } from "@/lib/actions/fields";
import { caseAccess } from "@/lib/auth/queries/access";
import { assertMayGiveInput } from "@/lib/workflow/queries/permission";
import type { CertificateSummary } from "./summary";
import type { Finding } from "./findings";
import { uploadFromForm } from "./form-parts";
import { submitNewCertificates } from "@/lib/workflow/store/inputs/new-certificates";
import { checkFingerprint } from "./store/fingerprint-check";

export type UploadState =
  | { ok: true; nowReady: number | null; warnings: Finding[] }
  | {
      ok: false;
      code: string;
      message: string;
      errors?: Finding[];
      warnings?: Finding[];
      certificates?: CertificateSummary[];
      /** Certificates that passed but whose warnings still need acknowledging, as PEM for the second submit. */
      pending?: { leaf: string; root: string };
    };

const uploadSchema = z.object({
  caseId: caseIdField,
  acknowledge: z.literal("yes").optional(),
  comment: commentField,
});

/** Step 1: upload the new client certificate (with intermediates) and the new root CA. */
export async function uploadNewCertificatesAction(_previous: UploadState | null, form: FormData): Promise<UploadState> {
  const result = await runAction(uploadSchema, form, async (input, user, data): Promise<UploadState> => {
    const access = await caseAccess(user.id, input.caseId);
    await assertMayGiveInput(input.caseId, access.roles, "certificates"); // before any uploaded byte is read
    const leaf = await uploadFromForm(data, "newLeaf");
    const root = await uploadFromForm(data, "newRoot");
    const outcome = await submitNewCertificates({
      caseId: input.caseId,
      actorId: user.id,
      newLeaf: leaf.parts,
      newRoot: root.parts,
      earlyErrors: [...leaf.errors, ...root.errors],
      warningsAcknowledged: input.acknowledge === "yes",
      comment: input.comment,
    });
    const { result: checked } = outcome;
    if (outcome.status === "rejected") {
      return {
        ok: false,
        code: "CERTIFICATES_REJECTED",
        message: "The upload was refused and nothing was stored. Fix the errors below and upload again.",
        errors: checked.errors,
        certificates: checked.certificates,
      };
    }
    if (outcome.status === "needs-acknowledgement") {
      const pem = (roles: string[]) =>
        checked.certificates
          .filter((c) => c.inChain && roles.includes(c.role))
          .map((c) => c.pem)
          .join("");
      return {
        ok: false,
        code: "WARNINGS_TO_ACKNOWLEDGE",
        message:
          "The certificates are valid, but there are warnings. Read them, then confirm to store the certificates.",
        warnings: checked.warnings,
        certificates: checked.certificates,
        pending: { leaf: pem(["leaf", "intermediate"]), root: pem(["root"]) },
      };
    }
    return { ok: true, nowReady: outcome.nowReady, warnings: checked.warnings };
  });
  if (result.ok) {
    revalidatePath(`/cases/${form.get("caseId")}`);
    return result.data;
  }
  return { ok: false, code: result.code, message: result.message };
}

const fingerprintSchema = z.object({
  caseId: caseIdField,
  fingerprint: z.string().trim().min(1, "Paste a fingerprint.").max(200, "That is too long for a fingerprint."),
});

/** Compares a fingerprint seen on the receiver's side with the case's new certificates; the check is recorded. */
export async function checkFingerprintAction(_previous: unknown, form: FormData) {
  return runAction(fingerprintSchema, form, async (input, user) => {
    await caseAccess(user.id, input.caseId);
    return checkFingerprint(user.id, input.caseId, input.fingerprint);
  });
}
