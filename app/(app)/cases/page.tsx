import type { Metadata } from "next";
import { requireUserOrRedirect } from "@/lib/auth/session";
import { loadCaseList } from "@/lib/workflow/queries/case-list";
import { ROLE_LABEL, workflowFor } from "@/lib/workflow";
import { Time } from "@/components/ui/time";
import Link from "next/link";

export const metadata: Metadata = { title: "Cases" };

const STATUS_LABEL = { OPEN: "Open", COMPLETED: "Completed", CANCELLED: "Cancelled" } as const;

export default async function CasesPage() {
  const user = await requireUserOrRedirect("/cases");
  const cases = await loadCaseList(user.id);
  return (
    <section className="space-y-4">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-bold">Cases</h1>
        <Link href="/cases/new" className="rounded bg-blue-700 px-4 py-2 text-sm font-semibold text-white no-underline hover:bg-blue-800">
          New case
        </Link>
      </div>
      {cases.length === 0 ? (
        <p className="text-slate-600">No cases yet.</p>
      ) : (
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b border-slate-300 text-slate-600">
              <th className="py-2 pr-3">Case</th>
              <th className="pr-3">Procedure</th>
              <th className="pr-3">Status</th>
              <th className="pr-3">Current step</th>
              <th>Started</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((item) => {
              const current = item.steps[0];
              return (
                <tr key={item.id} className="border-b border-slate-200">
                  <td className="py-2 pr-3">
                    <Link href={`/cases/${item.id}`} className="font-medium">
                      {item.title}
                    </Link>
                    <div className="text-xs text-slate-600">
                      {item.receiverSystem} · {item.workspace.name}
                    </div>
                  </td>
                  <td className="pr-3">{workflowFor(item.variant).name}</td>
                  <td className="pr-3">{STATUS_LABEL[item.status]}</td>
                  <td className="pr-3">{current ? `Step ${current.number} · ${ROLE_LABEL[current.role]}` : "—"}</td>
                  <td className="whitespace-nowrap">
                    <Time value={item.createdAt} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
