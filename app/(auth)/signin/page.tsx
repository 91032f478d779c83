import type { Metadata } from "next";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Notice } from "@/components/ui/notice";
import { mailMode } from "@/lib/mail/mode";
import { DEMO_ACCOUNTS } from "@/lib/seed/demo-accounts";
import { usesEmbeddedDatabase } from "@/lib/db/config";
import { connection } from "next/server";
import Link from "next/link";
import { oidcSettings } from "@/lib/auth/oidc/discovery";
import { ProviderButtons } from "@/components/auth/provider-buttons";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string }>;
}) {
  await connection(); // the mail mode is read at request time, not at build time
  const { callbackUrl, error } = await searchParams;
  const mode = mailMode();
  const providers = oidcSettings();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Sign in</h1>
      {error === "OAuthCallbackError" || error === "AccessDenied" ? (
        <Notice tone="error">
          Your company&apos;s sign-in service did not let you in. If you have left the company or your account there was
          removed, you can no longer sign in here; ask a workspace owner to hand your open tasks to someone else.
        </Notice>
      ) : null}
      {providers.length > 0 ? (
        <ProviderButtons providers={providers.map(({ id, name }) => ({ id, name }))} callbackUrl={callbackUrl} />
      ) : null}
      <p className="text-sm text-slate-700">
        {providers.length > 0
          ? "Or enter your work e-mail address: people of a company listed above are taken to its sign-in service; everyone else gets a one-time link by e-mail."
          : "We send a one-time link to your e-mail address. No password needed."}
      </p>
      {mode === "none" ? (
        <Notice tone="error">
          Sign-in is not possible right now: this server has no way to send e-mail. An administrator must set
          <code className="mx-1">SMTP_URL</code> (or <code className="mx-1">DEV_MAILBOX=1</code> on a development
          machine).
        </Notice>
      ) : (
        <SignInForm
          callbackUrl={callbackUrl}
          companies={
            providers.length === 0
              ? "none"
              : providers.some((provider) => !provider.mandatory)
                ? "optional"
                : "mandatory"
          }
        />
      )}
      {mode === "mailbox" ? (
        <Notice tone="warning">
          <p>
            Development mode: e-mails are not sent but collected in the{" "}
            <Link href="/dev/mailbox">built-in mailbox</Link>. Anyone who can open it can sign in as anyone.
          </p>
          {usesEmbeddedDatabase() ? (
            <>
              <p className="mt-2 font-semibold">Demo accounts</p>
              <ul className="mt-1 list-disc pl-5">
                {DEMO_ACCOUNTS.map((account) => (
                  <li key={account.email}>
                    <code>{account.email}</code> — {account.duty}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </Notice>
      ) : null}
    </div>
  );
}
