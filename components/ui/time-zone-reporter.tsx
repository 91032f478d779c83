"use client";

import { useEffect } from "react";
import { useRouter } from "next/navigation";

/** Tells the server the browser's time zone once (a cookie), so times render in the viewer's zone. */
export function TimeZoneReporter({ current }: { current: string | null }) {
  const router = useRouter();
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone || zone === current) return;
    document.cookie = `tz=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax`;
    router.refresh();
  }, [current, router]);
  return null;
}
