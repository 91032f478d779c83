import { caseAccess } from "@/lib/auth/queries/access";
import { auditCsv } from "@/lib/audit/csv";
import { parseAuditFilter } from "@/lib/audit/filter";
import { loadAuditTrail } from "@/lib/audit/queries/trail";
import { downloadResponse } from "@/lib/http/download-response";

/** The audit trail as CSV or JSON (the same filters as the case page: ?role=…&kind=…). */
export async function GET(request: Request, { params }: { params: Promise<{ caseId: string }> }) {
  const { caseId } = await params;
  const search = new URL(request.url).searchParams;
  const format = search.get("format") === "json" ? "json" : "csv";
  return downloadResponse(async (user) => {
    await caseAccess(user.id, caseId);
    const rows = await loadAuditTrail(caseId, parseAuditFilter({ role: search.get("role"), kind: search.get("kind") }));
    return format === "json"
      ? {
          filename: `audit-${caseId}.json`,
          contentType: "application/json",
          body: JSON.stringify({ caseId, exportedAt: new Date().toISOString(), events: rows }, null, 2),
        }
      : { filename: `audit-${caseId}.csv`, contentType: "text/csv; charset=utf-8", body: auditCsv(rows) };
  });
}
