/**
 * What a step completed through its form says about itself, from the facts the store recorded in its details (the
 * store records numbers, the views write the words).
 */
export function completionNote(details: unknown): string | null {
  if (typeof details !== "object" || details === null) return null;
  const facts = details as { confirmedCells?: unknown; tasksDone?: unknown };
  if (typeof facts.confirmedCells === "number")
    return `All ${facts.confirmedCells} flow and node combination${facts.confirmedCells === 1 ? "" : "s"} confirmed.`;
  if (typeof facts.tasksDone === "number")
    return `All ${facts.tasksDone} receiver task${facts.tasksDone === 1 ? "" : "s"} done.`;
  return null;
}
