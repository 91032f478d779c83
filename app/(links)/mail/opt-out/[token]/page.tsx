import type { Metadata } from "next";
import { connection } from "next/server";
import { readOptOutToken } from "@/lib/mail/opt-out";
import { optOutState } from "@/lib/mail/queries/opt-outs";
import { buttonClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { Time } from "@/components/ui/time";

export const metadata: Metadata = {
  title: "Mail from a workspace",
  referrer: "no-referrer",
  robots: { index: false, follow: false },
};

/** Where the link in a first invitation leads: refuse (or accept again) mail from the workspace that sent it. */
export default async function OptOutPage({ params }: { params: Promise<{ token: string }> }) {
  await connection();
  const { token } = await params;
  const target = readOptOutToken(token);
  const state = target ? await optOutState(target.workspaceId, target.email) : null;
  if (!state) {
    return (
      <>
        <h1 className="text-2xl font-bold">This link cannot be used</h1>
        <Notice tone="warning">
          The link is incomplete or was changed, or the workspace no longer exists. Copy the whole link from the
          message.
        </Notice>
      </>
    );
  }
  const refused = state.refusedSince !== null;
  return (
    <>
      <h1 className="text-2xl font-bold">Mail from the workspace “{state.workspaceName}”</h1>
      {refused ? (
        <Notice tone="success">
          Since <Time value={state.refusedSince!} />, {state.email} receives no mail from this workspace, and its
          members cannot name this address on new cases.
        </Notice>
      ) : (
        <p>
          Someone in this workspace named <strong>{state.email}</strong> on a certificate renewal. If you do not know
          them or do not want their messages, refuse all further mail from this workspace. Nothing else is needed: you
          do not have to sign in.
        </p>
      )}
      <form method="post" action={`/api/mail/opt-out/${encodeURIComponent(token)}`}>
        <input type="hidden" name="choice" value={refused ? "accept" : "refuse"} />
        <button type="submit" className={buttonClass}>
          {refused ? "Receive mail from this workspace again" : "Refuse all mail from this workspace"}
        </button>
      </form>
    </>
  );
}
