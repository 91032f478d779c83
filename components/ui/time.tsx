import { formatInZone } from "@/lib/time/zones";
import { viewerTimeZone } from "@/lib/time/viewer";

/** A moment in the viewer's time zone, with the zone named (people in two companies read the same instant). */
export async function Time({ value }: { value: Date | null | undefined }) {
  if (!value) return <span className="text-slate-400">—</span>;
  return <time dateTime={value.toISOString()}>{formatInZone(value, await viewerTimeZone())}</time>;
}

/** The same, when the zone is known already (a page that formats many times need not ask for it each time). */
export function TimeIn({ value, zone }: { value: Date | null | undefined; zone: string }) {
  if (!value) return <span className="text-slate-400">—</span>;
  return <time dateTime={value.toISOString()}>{formatInZone(value, zone)}</time>;
}

/** "3 h", "2 d": how long something has been waiting, relative to `now`. */
export function waitedFor(since: Date, now: Date): string {
  const minutes = Math.max(0, Math.round((now.getTime() - since.getTime()) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} d`;
}
