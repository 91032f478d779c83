import type { Metadata } from "next";
import Link from "next/link";
import { requireUserOrRedirect } from "@/lib/auth/session";
import { loadCaseList, parseCaseListQuery } from "@/lib/workflow/queries/case-list";
import { PROCEDURE_IDS, ROLES, ROLE_LABEL, procedureName, workflowFor } from "@/lib/workflow";
import { Time } from "@/components/ui/time";

export const metadata: Metadata = { title: "Cases" };

const STATUS_LABEL = { OPEN: "Open", COMPLETED: "Completed", CANCELLED: "Cancelled" } as const;
const select = "rounded border border-slate-300 px-2 py-1";

export default async function CasesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const user = await requireUserOrRedirect("/cases");
  const params = await searchParams;
  const query = parseCaseListQuery(params);
  const { cases, total, pages } = await loadCaseList(user.id, query);
  const pageLink = (page: number) => {
    const next = new URLSearchParams(
      Object.entries({ ...params, page: String(page) }).filter((entry): entry is [string, string] => !!entry[1]),
    );
    return `/cases?${next}`;
  };
  return (
    <section className="space-y-4">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-bold">Cases</h1>
        <Link
          href="/cases/new"
          className="rounded bg-blue-700 px-4 py-2 text-sm font-semibold text-white no-underline hover:bg-blue-800"
        >
          New case
        </Link>
      </div>
      <form className="flex flex-wrap items-end gap-3 text-sm" action="/cases" role="search">
        <label className="flex flex-col">
          Search
          <input
            name="q"
            defaultValue={query.search ?? ""}
            placeholder="Title, receiver, e-mail or fingerprint"
            className={`${select} w-72`}
          />
        </label>
        <label className="flex flex-col">
          Status
          <select name="status" defaultValue={query.status ?? ""} className={select}>
            <option value="">Any</option>
            <option value="OPEN">Open</option>
            <option value="COMPLETED">Completed</option>
            <option value="CANCELLED">Cancelled</option>
          </select>
        </label>
        <label className="flex flex-col">
          Procedure
          <select name="procedure" defaultValue={query.procedure ?? ""} className={select}>
            <option value="">Any</option>
            {PROCEDURE_IDS.map((id) => (
              <option key={id} value={id}>
                {procedureName(workflowFor(id))}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col">
          My role
          <select name="role" defaultValue={query.role ?? ""} className={select}>
            <option value="">Any</option>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABEL[role]}
              </option>
            ))}
          </select>
        </label>
        <button className="rounded border border-slate-300 bg-white px-3 py-1">Apply</button>
      </form>
      <p className="text-sm text-slate-600" data-testid="case-count">
        {total} case{total === 1 ? "" : "s"}
        {pages > 1 ? ` · page ${query.page} of ${pages}` : ""}
      </p>
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
                  <td className="pr-3">{procedureName(workflowFor(item.procedure))}</td>
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
      {pages > 1 ? (
        <nav aria-label="Pages" className="flex gap-4 text-sm">
          {query.page > 1 ? <Link href={pageLink(query.page - 1)}>← Previous</Link> : null}
          {query.page < pages ? <Link href={pageLink(query.page + 1)}>Next →</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}
