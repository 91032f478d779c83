import type { ReactNode } from "react";
import { connection } from "next/server";
import { Notice } from "@/components/ui/notice";
import { assertMailboxEnabled } from "@/lib/mail/queries/mailbox";

export default async function MailboxLayout({ children }: { children: ReactNode }) {
  await connection();
  // Without the mailbox, nothing here exists: not even its warning.
  assertMailboxEnabled();
  return (
    <main className="mx-auto max-w-4xl space-y-4 p-6">
      <h1 className="text-2xl font-bold">Development mailbox</h1>
      <Notice tone="warning">
        No e-mail leaves this server: every message lands here instead. Whoever can open this page can read every
        sign-in link and so sign in as anyone. Never run like this on a server that others can reach; set SMTP_URL
        there.
      </Notice>
      {children}
    </main>
  );
}
