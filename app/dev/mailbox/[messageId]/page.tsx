import { notFound } from "next/navigation";
import { connection } from "next/server";
import { assertMailboxEnabled, mailboxMessage } from "@/lib/mail/mailbox";
import { LinkifiedText } from "@/components/ui/linkified-text";
import { Time } from "@/components/ui/time";
import Link from "next/link";

export default async function MailboxMessagePage({ params }: { params: Promise<{ messageId: string }> }) {
  await connection();
  assertMailboxEnabled();
  const { messageId } = await params;
  const message = await mailboxMessage(messageId);
  if (!message) notFound();
  return (
    <article className="space-y-3 rounded border border-slate-200 bg-white p-4">
      <p>
        <Link href="/dev/mailbox">← All messages</Link>
      </p>
      <dl className="grid grid-cols-[8rem_1fr] gap-1 text-sm">
        <dt className="font-semibold">To</dt>
        <dd>{message.toAddress}</dd>
        <dt className="font-semibold">Subject</dt>
        <dd>{message.subject}</dd>
        <dt className="font-semibold">Received</dt>
        <dd>
          <Time value={message.receivedAt} />
        </dd>
        <dt className="font-semibold">Message-ID</dt>
        <dd className="font-mono text-xs">{message.messageId}</dd>
      </dl>
      <hr />
      <LinkifiedText text={message.text} />
    </article>
  );
}
