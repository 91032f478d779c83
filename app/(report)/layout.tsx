import type { ReactNode } from "react";

/** A plain page for printing ("Save as PDF"): no navigation, no forms. */
export default function ReportLayout({ children }: { children: ReactNode }) {
  return <main className="mx-auto max-w-5xl space-y-6 bg-white p-8 print:max-w-none print:p-0">{children}</main>;
}
