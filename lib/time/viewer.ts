import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { isValidTimeZone } from "./zones";

export const TIME_ZONE_COOKIE = "tz";

/** The viewer's time zone, as their browser reported it in a cookie; UTC until it has. Read once per request. */
export const viewerTimeZone = cache(async (): Promise<string> => {
  const zone = (await cookies()).get(TIME_ZONE_COOKIE)?.value;
  return zone && isValidTimeZone(zone) ? zone : "UTC";
});
