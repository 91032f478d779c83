/**
 * What a step completed through its form says about itself, from the facts the store recorded in its details (the
 * store records numbers, the views write the words).
 */
export function completionNote(details: unknown): string | null {
  if (typeof details !== "object" || details === null) return null;
  const facts = details as {
    confirmedCells?: unknown;
    tasksDone?: unknown;
    alias?: unknown;
    tenantCheck?: { result?: unknown; tenant?: unknown; fingerprint?: unknown; reason?: unknown };
  };
  const check = facts.tenantCheck;
  if (check?.result === "verified")
    return `Verified against tenant “${String(check.tenant)}”: it holds the new certificate under the alias “${String(facts.alias)}” (SHA-256 ${String(check.fingerprint)}).`;
  if (check?.result === "not-checked")
    return `Confirmed without the tenant check: tenant “${String(check.tenant)}” could not be read (${String(check.reason)}).`;
  if (typeof facts.confirmedCells === "number")
    return `All ${facts.confirmedCells} flow and node combination${facts.confirmedCells === 1 ? "" : "s"} confirmed.`;
  if (typeof facts.tasksDone === "number")
    return `All ${facts.tasksDone} receiver task${facts.tasksDone === 1 ? "" : "s"} done.`;
  return null;
}
