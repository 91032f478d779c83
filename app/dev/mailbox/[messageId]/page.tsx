import { notFound } from "next/navigation";
import { connection } from "next/server";
import { mailboxAttachments, mailboxHeaders, mailboxMessage } from "@/lib/mail/queries/mailbox";
import { LinkifiedText } from "@/components/ui/linkified-text";
import { Time } from "@/components/ui/time";
import Link from "next/link";

/** One message as its recipient gets it: the HTML part (sandboxed: no scripts, links open in a new tab), the text part, the attachments. */
export default async function MailboxMessagePage({ params }: { params: Promise<{ messageId: string }> }) {
  await connection();
  const { messageId } = await params;
  const message = await mailboxMessage(messageId);
  if (!message) notFound();
  const attachments = mailboxAttachments(message);
  const headers = Object.entries(mailboxHeaders(message));
  return (
    <article className="space-y-4 rounded border border-slate-200 bg-white p-4">
      <p>
        <Link href="/dev/mailbox">← All messages</Link>
      </p>
      <h2 className="text-xl font-semibold">{message.subject}</h2>
      <dl className="grid grid-cols-[10rem_1fr] gap-1 text-sm">
        <dt className="font-semibold">To</dt>
        <dd>{message.toAddress}</dd>
        <dt className="font-semibold">Received</dt>
        <dd>
          <Time value={message.receivedAt} />
        </dd>
        <dt className="font-semibold">Message-ID</dt>
        <dd className="font-mono text-xs">{message.messageId}</dd>
        {headers.map(([name, value]) => (
          <div key={name} className="contents">
            <dt className="font-semibold">{name}</dt>
            <dd className="break-all font-mono text-xs">{value}</dd>
          </div>
        ))}
      </dl>
      <section aria-labelledby="attachments-heading" className="space-y-1">
        <h3 id="attachments-heading" className="font-semibold">
          Attachments ({attachments.length})
        </h3>
        {attachments.length === 0 ? (
          <p className="text-sm text-slate-600">None.</p>
        ) : (
          <ul className="list-disc pl-5 text-sm" data-testid="attachments">
            {attachments.map((attachment, index) => (
              <li key={`${attachment.filename}-${index}`}>
                <a href={`/dev/mailbox/${message.id}/attachments/${index}`} download={attachment.filename}>
                  {attachment.filename}
                </a>{" "}
                <span className="text-slate-600">
                  ({attachment.contentType}, {Buffer.byteLength(attachment.content)} bytes)
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="html-heading" className="space-y-1">
        <h3 id="html-heading" className="font-semibold">
          As the recipient&apos;s mail program shows it
        </h3>
        <iframe
          title={`HTML part of “${message.subject}”`}
          sandbox="allow-popups allow-popups-to-escape-sandbox"
          srcDoc={message.html
            .replace("<head>", '<head><base target="_blank">')
            .replace(/^<!doctype html><html>/i, '<!doctype html><html><head><base target="_blank"></head>')}
          className="h-96 w-full rounded border border-slate-300 bg-white"
        />
      </section>
      <section aria-labelledby="text-heading" className="space-y-1">
        <h3 id="text-heading" className="font-semibold">
          Text part
        </h3>
        <LinkifiedText text={message.text} />
      </section>
    </article>
  );
}
