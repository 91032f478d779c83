import { ROLES, type Role } from "@/lib/workflow/roles";

/** The families of audit events, for filtering ("step" covers step.completed, step.ready …). */
export const AUDIT_GROUPS = [
  "case",
  "participant",
  "step",
  "certificate",
  "mail",
  "window",
  "grid",
  "checklist",
  "old_root",
] as const;
export type AuditGroup = (typeof AUDIT_GROUPS)[number];

export interface AuditFilter {
  role?: Role | "SYSTEM";
  group?: AuditGroup;
}

export function parseAuditFilter(params: { role?: string | null; kind?: string | null }): AuditFilter {
  const role =
    params.role === "SYSTEM" || (ROLES as readonly string[]).includes(params.role ?? "")
      ? (params.role as Role | "SYSTEM")
      : undefined;
  const group = (AUDIT_GROUPS as readonly string[]).includes(params.kind ?? "")
    ? (params.kind as AuditGroup)
    : undefined;
  return { ...(role ? { role } : {}), ...(group ? { group } : {}) };
}
