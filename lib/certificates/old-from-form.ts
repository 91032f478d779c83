import { AppError } from "@/lib/errors";
import { uploadFromForm } from "@/lib/certificates/form-parts";
import { readOldCertificates } from "@/lib/certificates/old-certificates";
import type { CertificateSummary } from "@/lib/certificates/summary";

/** The optional old client certificate and old root of a new case, read from its form; refused with per-field messages. */
export async function oldCertificatesFromForm(form: FormData): Promise<CertificateSummary[]> {
  const leaf = await uploadFromForm(form, "oldLeaf");
  const root = await uploadFromForm(form, "oldRoot");
  const fieldErrors: Record<string, string[]> = {};
  if (leaf.errors.length) fieldErrors.oldLeaf = leaf.errors.map((error) => error.message);
  if (root.errors.length) fieldErrors.oldRoot = root.errors.map((error) => error.message);
  if (Object.keys(fieldErrors).length === 0) {
    const read = readOldCertificates(leaf.parts, root.parts);
    if (read.ok) return read.certificates;
    for (const error of read.errors) {
      const field = error.message.startsWith("Old root") ? "oldRoot" : "oldLeaf";
      (fieldErrors[field] ??= []).push(`${error.message} [${error.code}]`);
    }
  }
  throw new AppError("VALIDATION_FAILED", "The old certificates could not be read. Nothing was saved.", fieldErrors);
}
