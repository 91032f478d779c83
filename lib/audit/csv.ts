import type { AuditRow } from "./queries/trail";

/** The audit trail as CSV: every field quoted, spreadsheet formulas neutralised. */
function csvField(value: string): string {
  // Quote always; double embedded quotes; neutralise spreadsheet formulas.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function auditCsv(rows: AuditRow[]): string {
  const header = ["time_utc", "kind", "step", "actor", "actor_email", "channel", "description", "data_json"];
  const lines = rows.map((row) =>
    [
      row.at.toISOString(),
      row.kind,
      row.stepNumber?.toString() ?? "",
      row.actor,
      row.actorEmail ?? "",
      row.channel,
      row.description,
      JSON.stringify(row.data),
    ]
      .map(csvField)
      .join(","),
  );
  return `${header.join(",")}\r\n${lines.join("\r\n")}\r\n`;
}
