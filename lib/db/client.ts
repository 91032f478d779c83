import { PrismaPg } from "@prisma/adapter-pg";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { acquireEmbeddedLock } from "./embedded-lock";
import { embeddedDataDir } from "./config";

export type Database = PrismaClient;

/** A Prisma client on DATABASE_URL, or on the embedded PGlite database (locked to this process). */
export function createDatabase(databaseUrl = process.env.DATABASE_URL): { prisma: PrismaClient; pglite?: PGlite } {
  if (databaseUrl) {
    // The app's queries are short; PostgreSQL's JIT compiles a plan for tens of milliseconds once its cost estimate
    // passes a threshold (a deep page of the case list did), which never pays off here.
    const adapter = new PrismaPg({
      connectionString: databaseUrl,
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
      options: "-c jit=off",
    });
    return { prisma: new PrismaClient({ adapter }) };
  }
  const dataDir = embeddedDataDir();
  acquireEmbeddedLock(dataDir);
  const pglite = new PGlite(dataDir);
  return { prisma: new PrismaClient({ adapter: new PrismaPGlite(pglite) }), pglite };
}
