/** A person as the app writes them: the name they gave, else their address. */
export interface Person {
  name: string | null;
  email: string;
}

/** The name a person gave, else their address; `fallback` when there is nobody. */
export function displayName(person: Person | null | undefined, fallback = "unknown"): string {
  return person ? (person.name ?? person.email) : fallback;
}

/** Who completed a step, as every view says it: the system is Renewal Desk. */
export function completedByName(
  step: { channel: string | null; completedBy: Person | null },
  fallback = "unknown",
): string {
  return step.channel === "SYSTEM" ? "Renewal Desk" : displayName(step.completedBy, fallback);
}

/** A person as mail shows them: the address always, the name they gave (their own words) in quotes. */
export function personLabel(person: Person): string {
  return person.name ? `“${person.name}” <${person.email}>` : person.email;
}
