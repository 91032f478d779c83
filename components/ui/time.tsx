const format = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** Times are shown in UTC with the zone named, so people in two companies read the same moment. */
export function Time({ value }: { value: Date | null | undefined }) {
  if (!value) return <span className="text-slate-400">—</span>;
  return <time dateTime={value.toISOString()}>{format.format(value)} UTC</time>;
}

export function formatUtc(value: Date): string {
  return `${format.format(value)} UTC`;
}

/** "3 h", "2 d": how long something has been waiting, relative to `now`. */
export function waitedFor(since: Date, now: Date): string {
  const minutes = Math.max(0, Math.round((now.getTime() - since.getTime()) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} d`;
}
