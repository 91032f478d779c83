import type { ReactNode } from "react";

export default function LinkLayout({ children }: { children: ReactNode }) {
  return (
    <main className="mx-auto mt-16 max-w-xl space-y-5 rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
      <p className="text-sm font-semibold uppercase tracking-wide text-blue-800">Renewal Desk</p>
      {children}
    </main>
  );
}
