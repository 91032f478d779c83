import { signOutAction } from "@/lib/auth/actions";
import Link from "next/link";

/** The main navigation: only what the person can use (guests of a workspace have no overview and start no cases). */
export function AppHeader({ email, member }: { email: string; member: boolean }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav aria-label="Main" className="mx-auto flex max-w-6xl items-center gap-6 px-6 py-3 text-sm">
        <Link href="/inbox" className="font-bold text-slate-900">
          Renewal Desk
        </Link>
        <Link href="/inbox">Inbox</Link>
        <Link href="/cases">Cases</Link>
        {member ? <Link href="/overview">Overview</Link> : null}
        {member ? <Link href="/cases/new">New case</Link> : null}
        <span className="ml-auto text-slate-600" data-testid="signed-in-as">
          {email}
        </span>
        <form action={signOutAction}>
          <button className="text-slate-700 underline underline-offset-2">Sign out</button>
        </form>
      </nav>
    </header>
  );
}
