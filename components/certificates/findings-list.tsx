import type { Finding } from "@/lib/certificates/findings";

/** Findings with their stable code, errors first; readable without colour (the code and a word say it). */
export function FindingsList({ findings, testId }: { findings: Finding[]; testId?: string }) {
  if (findings.length === 0) return null;
  return (
    <ul className="space-y-1 text-sm" data-testid={testId}>
      {findings.map((finding, index) => (
        <li
          key={`${finding.code}-${index}`}
          className={finding.severity === "error" ? "text-red-900" : "text-amber-900"}
        >
          <span className="mr-2 rounded border border-current px-1 font-mono text-xs">{finding.code}</span>
          <span className="sr-only">{finding.severity === "error" ? "Error: " : "Warning: "}</span>
          {finding.message}
        </li>
      ))}
    </ul>
  );
}
