import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { kickMailWorker } from "@/lib/mail/store/delivery";
import { checkKeystoreAgainstTenant, type KeystoreCheck } from "@/lib/tenant/store/keystore-check";
import { describeEntry } from "@/lib/tenant/keystore-verdict";
import { checkKeystoreAlias } from "../../alias";
import { completeStepInTransaction } from "../complete-step";
import { authorizeInput, loadForInput } from "./context";

/** What the completed step records about the tenant check (lib/workflow/completion-note.ts puts it in words). */
type TenantCheckRecord =
  | { result: "verified"; tenant: string; fingerprint: string }
  | { result: "not-checked"; tenant: string; reason: string };

function refuse(code: "KEYSTORE_MISMATCH" | "TENANT_UNREACHABLE", message: string): never {
  throw new AppError(code, message, { alias: [message] });
}

/** The tenant's answer as a record, or a refusal that says exactly what the tenant holds. */
function recordOf(check: KeystoreCheck, withoutTenantCheck: boolean): TenantCheckRecord | undefined {
  const again = "Import the new key pair under this alias, then confirm again.";
  switch (check.kind) {
    case "no-tenant":
      return undefined;
    case "verified":
      return { result: "verified", tenant: check.tenant, fingerprint: check.fingerprint };
    case "missing":
      return refuse(
        "KEYSTORE_MISMATCH",
        `The tenant “${check.tenant}” holds no entry under the alias “${check.alias}”. ${again}`,
      );
    case "old-certificate":
      return refuse(
        "KEYSTORE_MISMATCH",
        `The tenant “${check.tenant}” still holds the old client certificate under “${check.alias}” (${describeEntry(check.entry, check.fingerprintOfEntry)}). ${again}`,
      );
    case "other-certificate":
      return refuse(
        "KEYSTORE_MISMATCH",
        `The tenant “${check.tenant}” holds another certificate under “${check.alias}” than the new one uploaded in step 1: ${describeEntry(check.entry, check.fingerprintOfEntry)}. ${again}`,
      );
    case "unreachable":
      if (withoutTenantCheck) return { result: "not-checked", tenant: check.tenant, reason: check.reason };
      return refuse(
        "TENANT_UNREACHABLE",
        `The tenant “${check.tenant}” could not be read: ${check.reason} You may confirm without the check; the record will say that it could not run, and why.`,
      );
  }
}

/**
 * The keystore replacement step: completed only with the case's alias; any other alias is refused and explained.
 * With a connected tenant the app reads the entry under the alias first, and completes the step only when it is the
 * new certificate (or, when the tenant cannot be read, when the person confirms without the check).
 */
export async function confirmKeystoreAlias(
  actorId: string,
  caseId: string,
  stepNumber: number,
  alias: string,
  comment?: string,
  { withoutTenantCheck = false }: { withoutTenantCheck?: boolean } = {},
) {
  const authorized = async (tx: Prisma.TransactionClient) => {
    const found = await loadForInput(tx, caseId, actorId);
    authorizeInput(found, "keystore-alias", "give-input", stepNumber);
    const check = checkKeystoreAlias(found.keystoreAlias ?? "", alias);
    if (!check.ok) throw new AppError("VALIDATION_FAILED", check.message, { alias: [check.message] });
  };
  // Nothing is read from the tenant for someone who may not act on this step.
  await db().$transaction(authorized);
  const tenantCheck = recordOf(await checkKeystoreAgainstTenant(caseId, alias.trim()), withoutTenantCheck);
  const plan = await db().$transaction(async (tx) => {
    await authorized(tx);
    return completeStepInTransaction(tx, {
      caseId,
      stepNumber,
      actorId,
      channel: "WEB",
      comment,
      withInput: true,
      details: { alias: alias.trim(), ...(tenantCheck ? { tenantCheck } : {}) },
    });
  });
  kickMailWorker();
  return plan;
}
