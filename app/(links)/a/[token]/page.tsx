import type { Metadata } from "next";
import { clientInfo } from "@/lib/http/client-info";
import { isRateLimited, recordBadLink } from "@/lib/mail/link-rate-limit";
import { inspectActionLink, linkProblemMessage } from "@/lib/workflow/store/action-link";
import { ROLE_LABEL } from "@/lib/workflow";
import { ActionLinkConfirm } from "@/components/case/action-link-confirm";
import { Notice } from "@/components/ui/notice";
import { Time } from "@/components/ui/time";

export const metadata: Metadata = {
  title: "Confirm a step",
  referrer: "no-referrer",
  robots: { index: false, follow: false },
};

/** Opening the link only shows what it would confirm; the button's POST does the confirming. */
export default async function ActionLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const client = await clientInfo();
  if (await isRateLimited(client.ip)) {
    return (
      <Notice tone="error">
        Too many invalid links were tried from your address. Wait a quarter of an hour and try again.
      </Notice>
    );
  }
  const link = await inspectActionLink(token);
  if (link.state !== "valid") {
    if (link.state === "LINK_UNKNOWN") await recordBadLink(client.ip);
    return (
      <>
        <h1 className="text-2xl font-bold">This link cannot be used</h1>
        <Notice tone="warning">{linkProblemMessage(link.state)}</Notice>
      </>
    );
  }
  return (
    <>
      <h1 className="text-2xl font-bold">Confirm step {link.stepLabel}</h1>
      <dl className="grid grid-cols-[9rem_1fr] gap-1 text-sm">
        <dt className="font-semibold">Case</dt>
        <dd>{link.caseTitle}</dd>
        <dt className="font-semibold">{link.peerLabel}</dt>
        <dd>{link.receiverSystem}</dd>
        <dt className="font-semibold">Step</dt>
        <dd>
          {link.stepLabel}. {link.stepTitle}
        </dd>
        <dt className="font-semibold">Confirmed as</dt>
        <dd>
          {link.email}, {ROLE_LABEL[link.role].toLowerCase()}
        </dd>
        <dt className="font-semibold">Link valid until</dt>
        <dd>
          <Time value={link.expiresAt} />
        </dd>
      </dl>
      <p className="text-sm text-slate-700">{link.stepHelp}</p>
      <p className="text-sm text-slate-700">
        Confirm only when the step is really done: the next person will be told to go ahead.
      </p>
      <ActionLinkConfirm token={token} stepLabel={link.stepLabel} />
    </>
  );
}
