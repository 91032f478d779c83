// Reading `prisma/migrations` the way Prisma does: one directory per migration, holding `migration.sql`,
// ordered by directory name (the timestamp prefix), plus `migration_lock.toml` at the top.
// Shared by the migration runner (lib/db/migrate.ts) and the migration author (scripts/db-new-migration.ts).
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

export const MIGRATION_FILE_NAME = "migration.sql";
export const MIGRATION_LOCK_FILE_NAME = "migration_lock.toml";

export interface MigrationFile {
  /** Directory name, e.g. `20260101120000_init`; recorded as `_prisma_migrations.migration_name`. */
  name: string;
  /** Absolute path of the `migration.sql` file. */
  path: string;
  /** The script, as read (UTF-8). */
  sql: string;
  /** Lower-case hex SHA-256 of the script's bytes, as Prisma records it in `_prisma_migrations.checksum`. */
  checksum: string;
}

export class MigrationFileError extends Error {
  override readonly name = "MigrationFileError";
}

export function migrationChecksum(sql: string): string {
  return createHash("sha256").update(sql, "utf8").digest("hex");
}

/**
 * Whether `sql` matches a checksum recorded by Prisma. Like Prisma, accepts the script with its line endings
 * converted (CRLF <-> LF, e.g. after a checkout with autocrlf) and the checksums of old Prisma versions that were
 * written without zero-padding each byte.
 */
export function checksumMatches(sql: string, recorded: string): boolean {
  const candidates = [sql, sql.replace(/\r\n/g, "\n"), sql.replace(/\n/g, "\r\n")];
  return candidates.some((candidate) => {
    const digest = createHash("sha256").update(candidate, "utf8").digest();
    if (digest.toString("hex") === recorded) return true;
    const unpadded = Array.from(digest, (byte) => byte.toString(16)).join("");
    return recorded.length !== 64 && unpadded === recorded;
  });
}

/** Byte-wise (code unit) order of directory names; the same as Prisma's for its ASCII timestamp names. */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Lists `<dir>/<name>/migration.sql` in order. A missing directory means "no migrations". A migration directory
 * without a `migration.sql` is an error (Prisma refuses it too). Files and dot-directories at the top are ignored.
 */
export async function readMigrationFiles(migrationsDir: string): Promise<MigrationFile[]> {
  let entries;
  try {
    entries = await readdir(migrationsDir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const names = entries
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith("."))
    .map((entry) => entry.name)
    .sort(compareNames);
  const files: MigrationFile[] = [];
  for (const name of names) {
    const file = path.join(migrationsDir, name, MIGRATION_FILE_NAME);
    let sql: string;
    try {
      sql = await readFile(file, "utf8");
    } catch (error) {
      throw new MigrationFileError(
        `Migration directory ${name} has no readable ${MIGRATION_FILE_NAME}: ${(error as Error).message}`,
      );
    }
    files.push({ name, path: path.resolve(file), sql, checksum: migrationChecksum(sql) });
  }
  return files;
}

/** Contents of `<dir>/migration_lock.toml`, or null when it does not exist. */
export async function readMigrationLock(migrationsDir: string): Promise<string | null> {
  try {
    return await readFile(path.join(migrationsDir, MIGRATION_LOCK_FILE_NAME), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}
