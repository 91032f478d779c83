"use server";

import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { ActionResult } from "@/lib/actions/result";
import { AppError } from "@/lib/errors";
import { clientInfo } from "@/lib/http/client-info";
import { isRateLimited, recordBadLink } from "@/lib/mail/link-rate-limit";
import { confirmByActionLink } from "./store/action-link";

const schema = z.object({ token: z.string().max(100) });

/** The POST behind the confirm button of an action link. The token is the credential; no session is needed. */
export async function confirmActionLinkAction(
  _previous: ActionResult<{ stepNumber: number }> | null,
  form: FormData,
): Promise<ActionResult<{ stepNumber: number }>> {
  const client = await clientInfo();
  if (await isRateLimited(client.ip)) {
    return {
      ok: false,
      code: "RATE_LIMITED",
      message: "Too many invalid links were tried from your address. Wait a quarter of an hour and try again.",
    };
  }
  const parsed = schema.safeParse({ token: form.get("token") });
  try {
    if (!parsed.success) throw new AppError("LINK_UNKNOWN", "This link is not valid.");
    // No revalidation: it would re-render this page, which then shows the link as used instead of the confirmation.
    const plan = await confirmByActionLink(parsed.data.token, client);
    return { ok: true, data: { stepNumber: plan.completed } };
  } catch (error) {
    if (error instanceof AppError) {
      if (error.code === "LINK_UNKNOWN") await recordBadLink(client.ip);
      return { ok: false, code: error.code, message: error.message };
    }
    // The name only: the message of a failed lookup could carry the token's hash.
    const reference = randomUUID().slice(0, 8);
    console.error(
      `[action-link] unexpected failure, reference ${reference}:`,
      error instanceof Error ? error.name : "non-error thrown",
    );
    return {
      ok: false,
      code: "UNEXPECTED",
      message: `Something went wrong on our side and nothing was confirmed. Try again in a minute. Reference: ${reference}.`,
    };
  }
}
