import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { kickMailWorker } from "@/lib/mail/store/delivery";
import { checkKeystoreAlias } from "../../alias";
import { completeStepInTransaction } from "../complete-step";
import { authorizeInput, loadForInput } from "./context";

/** The keystore replacement step: completed only with the case's alias; any other alias is refused and explained. */
export async function confirmKeystoreAlias(
  actorId: string,
  caseId: string,
  stepNumber: number,
  alias: string,
  comment?: string,
) {
  const plan = await db().$transaction(async (tx) => {
    const found = await loadForInput(tx, caseId, actorId);
    authorizeInput(found, "keystore-alias", "give-input", stepNumber);
    const check = checkKeystoreAlias(found.keystoreAlias, alias);
    if (!check.ok) throw new AppError("VALIDATION_FAILED", check.message, { alias: [check.message] });
    return completeStepInTransaction(tx, {
      caseId,
      stepNumber,
      actorId,
      channel: "WEB",
      comment,
      withInput: true,
      details: { alias: alias.trim() },
    });
  });
  kickMailWorker();
  return plan;
}
