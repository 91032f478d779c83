import "server-only";
import { headers } from "next/headers";

/** The client's address and browser as the server saw them (first hop of X-Forwarded-For when behind a proxy). */
export async function clientInfo(): Promise<{ ip: string; userAgent: string }> {
  const list = await headers();
  const forwarded = list.get("x-forwarded-for")?.split(",")[0]?.trim();
  return { ip: forwarded || list.get("x-real-ip") || "unknown", userAgent: list.get("user-agent") ?? "unknown" };
}
