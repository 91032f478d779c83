import { signOutAction } from "@/lib/auth/actions";
import Link from "next/link";

export function AppHeader({ email }: { email: string }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav aria-label="Main" className="mx-auto flex max-w-6xl items-center gap-6 px-6 py-3 text-sm">
        <Link href="/inbox" className="font-bold text-slate-900">
          Renewal Desk
        </Link>
        <Link href="/inbox">Inbox</Link>
        <Link href="/cases">Cases</Link>
        <Link href="/overview">Overview</Link>
        <Link href="/cases/new">New case</Link>
        <span className="ml-auto text-slate-600" data-testid="signed-in-as">
          {email}
        </span>
        <form action={signOutAction}>
          <button className="text-slate-700 underline-offset-2 hover:underline">Sign out</button>
        </form>
      </nav>
    </header>
  );
}
