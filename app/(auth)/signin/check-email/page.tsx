import type { Metadata } from "next";
import { connection } from "next/server";
import { mailMode } from "@/lib/mail/mode";
import Link from "next/link";

export const metadata: Metadata = { title: "Check your e-mail" };

export default async function CheckEmailPage() {
  await connection();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Check your e-mail</h1>
      <p>If the address may sign in here, a sign-in link is on its way. It works once and expires after an hour.</p>
      <p className="text-sm text-slate-700">
        One address gets at most a few links an hour. If you asked several times, use the newest message you received;
        an earlier link keeps working until it is used or expires.
      </p>
      {mailMode() === "mailbox" ? (
        <p>
          Development mode: open the <Link href="/dev/mailbox">built-in mailbox</Link> to find it.
        </p>
      ) : null}
    </div>
  );
}
