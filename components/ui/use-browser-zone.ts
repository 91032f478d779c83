"use client";

import { useSyncExternalStore } from "react";

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The browser's time zone, in which people type times; UTC while rendering on the server. */
export function useBrowserZone(): string {
  return useSyncExternalStore(
    () => () => undefined,
    browserZone,
    () => "UTC",
  );
}
