import Link from "next/link";

export type CaseSection = "steps" | "certificates" | "mail" | "audit";

const SECTIONS: { section: CaseSection; label: string; path: string }[] = [
  { section: "steps", label: "Steps", path: "" },
  { section: "certificates", label: "Certificates", path: "/certificates" },
  { section: "mail", label: "E-mail", path: "/mail" },
  { section: "audit", label: "Audit trail", path: "/audit" },
];

/** The case's sections as ordinary links: each has its own URL, works without JavaScript, and says which is open. */
export function CaseTabs({
  caseId,
  current,
  counts,
}: {
  caseId: string;
  current: CaseSection;
  counts?: Partial<Record<CaseSection, string>>;
}) {
  return (
    <nav aria-label="Case sections" className="border-b border-slate-300">
      <ul className="-mb-px flex flex-wrap gap-1 text-sm">
        {SECTIONS.map(({ section, label, path }) => (
          <li key={section}>
            <Link
              href={`/cases/${caseId}${path}`}
              aria-current={section === current ? "page" : undefined}
              className={`inline-block rounded-t border px-3 py-2 ${
                section === current
                  ? "border-slate-300 border-b-white bg-white font-semibold text-slate-900 no-underline"
                  : "border-transparent text-blue-800"
              }`}
            >
              {label}
              {counts?.[section] ? <span className="ml-1 text-slate-600">({counts[section]})</span> : null}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
