import { mailboxAttachments, mailboxEnabled, mailboxMessage } from "@/lib/mail/queries/mailbox";

/** One attachment of a development-mailbox message, as a download (the mailbox exists only when mail is not sent). */
export async function GET(_request: Request, { params }: { params: Promise<{ messageId: string; index: string }> }) {
  const notFound = () =>
    new Response("Not found.\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  if (!mailboxEnabled()) return notFound();
  const { messageId, index } = await params;
  const message = await mailboxMessage(messageId);
  const attachment = message ? mailboxAttachments(message)[Number(index)] : undefined;
  if (!attachment || !/^\d+$/.test(index)) return notFound();
  const filename = attachment.filename.replace(/[^\w.@-]/g, "_");
  return new Response(attachment.content, {
    headers: {
      "content-type": attachment.contentType,
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
