import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { providerSignOut } from "@/lib/auth/oidc/end-session";

export const metadata: Metadata = { title: "Signed out" };

export default async function SignedOutPage({ searchParams }: { searchParams: Promise<{ provider?: string }> }) {
  await connection();
  const { provider } = await searchParams;
  const atProvider = provider ? await providerSignOut(provider) : null;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">You are signed out of Renewal Desk</h1>
      {atProvider ? (
        <p>
          You may still be signed in at {atProvider.name}, so the next sign-in there may not ask for your password.{" "}
          <a href={atProvider.url}>Sign out of {atProvider.name} too</a>
        </p>
      ) : null}
      <p>
        <Link href="/signin">Sign in again</Link>
      </p>
    </div>
  );
}
