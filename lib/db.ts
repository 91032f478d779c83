import "server-only";
import { createDatabase, type Database } from "./db/client";

// One client per server process, created on first use: `next build` imports route modules without a database.
const holder = globalThis as unknown as { renewalDeskDb?: ReturnType<typeof createDatabase> };

export function db(): Database {
  holder.renewalDeskDb ??= createDatabase();
  return holder.renewalDeskDb.prisma;
}

/** The PGlite instance behind db() when running embedded (the migration runner needs raw SQL on it). */
export function embeddedPglite() {
  holder.renewalDeskDb ??= createDatabase();
  return holder.renewalDeskDb.pglite;
}
