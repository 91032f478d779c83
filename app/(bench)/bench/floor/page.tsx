import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { db } from "@/lib/db";

/**
 * The benchmark's floor: what one request costs on this machine when Next.js renders a trivial page after one
 * indexed query (a unique-index lookup of a user by e-mail). Every other route is reported as a ratio to it.
 * It exists only while the server runs for the benchmark (`RD_BENCH=1`, set by `npm run bench`); otherwise 404.
 */
export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Floor", robots: { index: false } };

export default async function FloorPage({ searchParams }: { searchParams: Promise<{ email?: string | string[] }> }) {
  await connection();
  if (process.env.RD_BENCH !== "1") notFound();
  const { email } = await searchParams;
  const address = typeof email === "string" && email.length > 0 ? email : "floor@bench.invalid";
  const user = await db().user.findUnique({ where: { email: address }, select: { id: true } });
  return (
    <main className="p-6">
      <p data-testid="floor">{user ? "found" : "not found"}</p>
    </main>
  );
}
