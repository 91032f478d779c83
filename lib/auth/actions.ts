"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionResult } from "@/lib/actions/result";
import { mailMode } from "@/lib/mail/mode";
import { signIn, signOut } from "./config";
import { safeReturnPath } from "./safe-redirect";
import { oidcSetting, oidcSettings } from "./oidc/discovery";
import { signInRouteFor } from "./oidc/rules";
import { preciseSignInTarget } from "./oidc/failures";
import { providersOfUser } from "./queries/provider-account";
import { currentUser } from "./session";

const schema = z.object({
  email: z.email("Enter a valid e-mail address.").max(254),
  callbackUrl: z.string().max(2000).optional(),
  method: z.enum(["auto", "email"]).default("auto"),
});

export async function requestSignInLinkAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  const parsed = schema.safeParse({
    email: String(form.get("email") ?? "").trim(),
    callbackUrl: form.get("callbackUrl") ?? undefined,
    method: form.get("method") ?? undefined,
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
  // An address of a company's domain signs in at the company's provider, unless the person asked for a link and
  // the provider is not mandatory for that domain.
  const route = signInRouteFor(oidcSettings(), parsed.data.email);
  if (route.kind === "provider" && (parsed.data.method !== "email" || !route.emailLinkAllowed)) {
    await signInAt(route.provider.id, parsed.data.callbackUrl, parsed.data.email);
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

const providerSchema = z.object({ provider: z.string().max(40), callbackUrl: z.string().max(2000).optional() });

/** "Sign in with <provider>": off to the company's provider (Auth.js adds PKCE, state and nonce). */
export async function signInWithProviderAction(form: FormData): Promise<void> {
  const parsed = providerSchema.safeParse({
    provider: form.get("provider"),
    callbackUrl: form.get("callbackUrl") ?? undefined,
  });
  const setting = parsed.success ? oidcSetting(parsed.data.provider) : undefined;
  if (!parsed.success || !setting) redirect("/signin");
  await signInAt(setting.id, parsed.data.callbackUrl);
}

/** Off to the provider, or to a page that says precisely why not (the provider down, say). */
async function signInAt(providerId: string, callbackUrl: string | undefined, email?: string): Promise<never> {
  const target = await preciseSignInTarget(() =>
    signIn(
      providerId,
      { redirectTo: safeReturnPath(callbackUrl), redirect: false },
      email ? { login_hint: email } : undefined,
    ),
  );
  redirect(target);
}

/** Ends the app's session; the next page offers the company provider's sign-out too, when the person used one. */
export async function signOutAction(): Promise<void> {
  const user = await currentUser();
  const [provider] = user ? (await providersOfUser(user.id)).filter((id) => oidcSetting(id)) : [];
  await signOut({ redirectTo: provider ? `/signin/signed-out?provider=${provider}` : "/signin/signed-out" });
}
