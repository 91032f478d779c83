"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionResult } from "@/lib/actions/result";
import { mailMode } from "@/lib/mail/mode";
import { signIn, signOut } from "./config";
import { safeReturnPath } from "./safe-redirect";

const schema = z.object({
  email: z.email("Enter a valid e-mail address.").max(254),
  callbackUrl: z.string().max(2000).optional(),
});

export async function requestSignInLinkAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  const parsed = schema.safeParse({
    email: String(form.get("email") ?? "").trim(),
    callbackUrl: form.get("callbackUrl") ?? undefined,
  });
  if (!parsed.success) {
    return {
      ok: false,
      code: "VALIDATION_FAILED",
      message: "Enter a valid e-mail address.",
      fieldErrors: { email: "Enter a valid e-mail address." },
      values: { email: String(form.get("email") ?? "").slice(0, 254) },
    };
  }
  if (mailMode() === "none") {
    return {
      ok: false,
      code: "MAIL_NOT_CONFIGURED",
      message: "Sign-in links cannot be sent: this server has no mail delivery configured (SMTP_URL).",
    };
  }
  // Limits are applied where every sign-in mail passes (the signIn callback in ./config.ts), not here.
  try {
    await signIn("nodemailer", {
      email: parsed.data.email,
      redirectTo: safeReturnPath(parsed.data.callbackUrl),
      redirect: false,
    });
  } catch (error) {
    if (error instanceof AuthError) {
      console.error(`[auth] sign-in link could not be sent: ${error.type}`);
      return { ok: false, code: "MAIL_FAILED", message: "The sign-in link could not be sent. Try again in a minute." };
    }
    throw error;
  }
  redirect("/signin/check-email");
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/signin" });
}
