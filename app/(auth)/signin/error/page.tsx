import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Sign-in problem" };

const explanations: Record<string, string> = {
  Verification: "This sign-in link has expired or was already used. Ask for a new one.",
  Configuration: "Sign-in is not configured correctly on this server. Tell your administrator.",
  AccessDenied: "You are not allowed to sign in.",
};

export default async function SignInErrorPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Sign-in did not work</h1>
      <p>{(error && explanations[error]) ?? "Something went wrong while signing you in. Ask for a new link."}</p>
      <p>
        <Link href="/signin">Back to sign-in</Link>
      </p>
    </div>
  );
}
