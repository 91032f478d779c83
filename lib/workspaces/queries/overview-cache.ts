import "server-only";
import { TtlCache } from "@/lib/cache/ttl-cache";
import type { Overview } from "@/lib/workspaces/queries/overview";

/**
 * The overview aggregates a workspace's whole history, and everyone in the workspace sees the same figures, so
 * each server process keeps them for a minute. A change recorded in the workspace drops them at once in this
 * process (lib/audit/record.ts); other processes catch up within the minute, which the page says.
 */
export const OVERVIEW_FRESH_FOR_MS = 60_000;
export const figuresByWorkspace = new TtlCache<Overview>(OVERVIEW_FRESH_FOR_MS, 1_000);

export function forgetOverview(workspaceId: string): void {
  figuresByWorkspace.delete(workspaceId);
}
