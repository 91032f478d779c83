import "server-only";
import { notFound } from "next/navigation";
import { db } from "@/lib/db";
import { mailboxEnabled } from "./mode";

/** The development mailbox exists only when mail is not really sent; otherwise its pages answer 404. */
export function assertMailboxEnabled(): void {
  if (!mailboxEnabled()) notFound();
}

export async function listMailbox(to?: string) {
  return db().mailboxMessage.findMany({
    where: to ? { toAddress: to.toLowerCase() } : undefined,
    orderBy: { receivedAt: "desc" },
    take: 100,
    select: { id: true, toAddress: true, subject: true, receivedAt: true },
  });
}

export async function mailboxMessage(id: string) {
  return db().mailboxMessage.findUnique({ where: { id } });
}
