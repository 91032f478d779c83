import type { Metadata } from "next";
import { connection } from "next/server";
import { assertMailboxEnabled, listMailbox } from "@/lib/mail/queries/mailbox";
import { Time } from "@/components/ui/time";
import Link from "next/link";

export const metadata: Metadata = { title: "Development mailbox" };

export default async function MailboxPage({ searchParams }: { searchParams: Promise<{ to?: string }> }) {
  await connection();
  assertMailboxEnabled();
  const { to } = await searchParams;
  const messages = await listMailbox(to);
  return (
    <section className="space-y-3">
      <form className="flex gap-2 text-sm" action="/dev/mailbox">
        <label htmlFor="to" className="self-center">
          Recipient
        </label>
        <input id="to" name="to" defaultValue={to ?? ""} className="rounded border border-slate-300 px-2 py-1" />
        <button className="rounded border border-slate-300 bg-white px-3">Filter</button>
      </form>
      {messages.length === 0 ? (
        <p className="text-slate-600">No messages yet.</p>
      ) : (
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b">
              <th className="py-1">Received</th>
              <th>To</th>
              <th>Subject</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((message) => (
              <tr key={message.id} className="border-b border-slate-200">
                <td className="py-1 pr-3 whitespace-nowrap">
                  <Time value={message.receivedAt} />
                </td>
                <td className="pr-3">{message.toAddress}</td>
                <td>
                  <Link href={`/dev/mailbox/${message.id}`}>{message.subject}</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
