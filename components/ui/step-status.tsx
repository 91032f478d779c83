import type { StepStatus } from "@/lib/generated/prisma/enums";

const styles: Record<StepStatus, { label: string; className: string; symbol: string }> = {
  DONE: { label: "Done", className: "bg-emerald-100 text-emerald-900 border-emerald-300", symbol: "✓" },
  READY: { label: "Ready", className: "bg-blue-100 text-blue-900 border-blue-300", symbol: "▶" },
  BLOCKED: { label: "Blocked", className: "bg-slate-100 text-slate-600 border-slate-300", symbol: "…" },
  CANCELLED: {
    label: "Cancelled",
    className: "bg-slate-100 text-slate-500 border-slate-300 line-through",
    symbol: "✕",
  },
};

/** Status with a symbol and a word, so it reads without colour. */
export function StepStatusBadge({ status }: { status: StepStatus }) {
  const style = styles[status];
  return (
    <span
      className={`inline-flex items-center gap-1 rounded border px-2 py-0.5 text-xs font-semibold ${style.className}`}
      data-status={status}
    >
      <span aria-hidden="true">{style.symbol}</span>
      {style.label}
    </span>
  );
}
