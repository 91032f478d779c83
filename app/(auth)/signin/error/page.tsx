import type { Metadata } from "next";
import Link from "next/link";
import { oidcSetting } from "@/lib/auth/oidc/discovery";

export const metadata: Metadata = { title: "Sign-in problem" };

/** Each failure in words: what happened, and what the person can do about it. */
function explain(error: string | undefined, provider: string): string {
  switch (error) {
    case "Verification":
      return "This sign-in link has expired or was already used. Ask for a new one.";
    case "AccessDenied":
      return "You are not allowed to sign in.";
    case "OidcRequired":
      return "Your company signs its people in through its own sign-in service: no e-mail link is sent to its addresses. Enter your address on the sign-in page to be taken there.";
    case "OidcRevoked":
      return `${provider} no longer lets you sign in (you may have left the company, or your account there was removed), so Renewal Desk does not either. If this is a mistake, ask your company's administrator.`;
    case "OidcEmailNotVerified":
      return `${provider} did not confirm that the e-mail address belongs to you, so Renewal Desk cannot tell whose account this is. Ask your company's administrator to verify your address at ${provider}.`;
    case "OidcDomainNotAuthoritative":
      return `${provider} may only sign in addresses of its own company's domains, and the address it gave belongs to another domain. Sign in with the sign-in service of the company your address belongs to, or ask for an e-mail link.`;
    case "OidcNoEmail":
      return `${provider} did not tell Renewal Desk your e-mail address. Ask your company's administrator to release the e-mail claim to Renewal Desk.`;
    case "OidcBadSignature":
      return `The answer said to come from ${provider} was not signed with its published keys. Nobody was signed in. If this happens again, tell your administrator: someone may be tampering with the sign-in.`;
    case "OidcWrongIssuer":
      return `The answer did not come from the sign-in service Renewal Desk is set up for. Nobody was signed in. Tell your administrator.`;
    case "OidcWrongAudience":
      return `${provider} issued its answer for another application. Nobody was signed in. Tell your administrator.`;
    case "OidcTokenExpired":
      return `${provider}'s answer had already expired when it arrived (check the clocks of both servers). Nobody was signed in. Try again.`;
    case "OidcNonceMismatch":
    case "OidcStateMismatch":
      return "This sign-in answer does not belong to the sign-in started in this browser (it may be old, or started in another tab or browser). Nobody was signed in. Start again from the sign-in page.";
    case "OidcProviderDown":
      return `${provider} could not be reached or did not answer properly. Nobody was signed in. Try again in a few minutes.`;
    case "Configuration":
      return "Sign-in is not configured correctly on this server, or a sign-in service did not answer. Tell your administrator.";
    default:
      return "Something went wrong while signing you in. Start again from the sign-in page.";
  }
}

export default async function SignInErrorPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string; provider?: string }>;
}) {
  const { error, provider } = await searchParams;
  const name = (provider && oidcSetting(provider)?.name) ?? "Your company's sign-in service";
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Sign-in did not work</h1>
      <p role="alert">{explain(error, name)}</p>
      <p>
        <Link href="/signin">Back to sign-in</Link>
      </p>
    </div>
  );
}
