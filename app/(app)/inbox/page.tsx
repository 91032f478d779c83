import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { requireUserOrRedirect } from "@/lib/auth/session";
import { INBOX_LIMITS, loadInbox } from "@/lib/workflow/queries/inbox";
import { membershipsOf } from "@/lib/workspaces/queries/memberships";
import { failedMailForOwner } from "@/lib/mail/queries/case-mail";
import { Notice } from "@/components/ui/notice";
import { ROLES, ROLE_LABEL } from "@/lib/workflow";
import { TaskTable } from "@/components/inbox/task-table";
import { Time } from "@/components/ui/time";
import Link from "next/link";

export const metadata: Metadata = { title: "Inbox" };

const UNLIMITED = { tasks: Number.MAX_SAFE_INTEGER, waiting: Number.MAX_SAFE_INTEGER };

export default async function InboxPage({ searchParams }: { searchParams: Promise<{ show?: string }> }) {
  const user = await requireUserOrRedirect("/inbox");
  const showAll = (await searchParams).show === "all";
  const memberships = await membershipsOf(user.id);
  if (memberships.length === 0) redirect("/welcome");
  const ownerOf = memberships
    .filter((membership) => membership.role === "OWNER")
    .map((membership) => membership.workspace.id);
  const [inbox, failedMail] = await Promise.all([
    loadInbox(user.id, showAll ? UNLIMITED : INBOX_LIMITS),
    failedMailForOwner(ownerOf),
  ]);
  const now = new Date();
  return (
    <>
      {failedMail.length > 0 ? (
        <Notice tone="error">
          <p className="font-semibold">{failedMail.length} e-mail(s) in your workspaces could not be delivered:</p>
          <ul className="mt-1 list-disc pl-5" data-testid="failed-mail">
            {failedMail.map((mail) => (
              <li key={mail.id}>
                <Link href={`/cases/${mail.caseId}`}>{mail.case?.title}</Link>: to {mail.toAddress} — {mail.lastError}
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}
      <section aria-labelledby="tasks-heading" className="space-y-3">
        <div className="flex flex-wrap items-baseline gap-4">
          <h1 id="tasks-heading" className="text-2xl font-bold">
            Your tasks <span className="text-slate-500">({inbox.taskCount})</span>
          </h1>
          <ul className="flex gap-3 text-sm text-slate-700" aria-label="Tasks per role">
            {ROLES.map((role) => (
              <li key={role} data-testid={`count-${role}`}>
                {ROLE_LABEL[role]}: <strong>{inbox.countsByRole[role]}</strong>
              </li>
            ))}
          </ul>
        </div>
        {inbox.tasks.length === 0 ? (
          <p className="text-slate-600">Nothing is waiting for you.</p>
        ) : (
          <div data-testid="your-tasks">
            <TaskTable items={inbox.tasks} now={now} />
          </div>
        )}
        {inbox.tasks.length < inbox.taskCount ? (
          <ShowAll shown={inbox.tasks.length} total={inbox.taskCount} what="tasks" />
        ) : null}
      </section>

      <section aria-labelledby="waiting-heading" className="space-y-3">
        <h2 id="waiting-heading" className="text-xl font-semibold">
          Waiting on others <span className="text-slate-500">({inbox.waitingCount})</span>
        </h2>
        {inbox.waiting.length === 0 ? (
          <p className="text-slate-600">None of your open cases is waiting on someone else.</p>
        ) : (
          <div data-testid="waiting-on-others">
            <TaskTable items={inbox.waiting} now={now} showWaitingOn />
          </div>
        )}
        {inbox.waiting.length < inbox.waitingCount ? (
          <ShowAll shown={inbox.waiting.length} total={inbox.waitingCount} what="cases waiting on others" />
        ) : null}
      </section>

      <section aria-labelledby="done-heading" className="space-y-3">
        <h2 id="done-heading" className="text-xl font-semibold">
          Recently done on your cases
        </h2>
        {inbox.recentlyDone.length === 0 ? (
          <p className="text-slate-600">Nothing in the last two weeks.</p>
        ) : (
          <ul className="space-y-1 text-sm" data-testid="recently-done">
            {inbox.recentlyDone.map((item) => (
              <li key={`${item.caseId}-${item.stepNumber}`}>
                <Time value={item.completedAt} /> · <Link href={`/cases/${item.caseId}`}>{item.caseTitle}</Link> · step{" "}
                {item.stepLabel}: {item.stepTitle} — {item.completedBy}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function ShowAll({ shown, total, what }: { shown: number; total: number; what: string }) {
  return (
    <p className="text-sm text-slate-700">
      The {shown} oldest of {total} {what} are shown. <Link href="/inbox?show=all">Show all</Link>
    </p>
  );
}
