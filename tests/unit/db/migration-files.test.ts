import { createHash } from "node:crypto";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  checksumMatches,
  migrationChecksum,
  MigrationFileError,
  readMigrationFiles,
  readMigrationLock,
} from "@/lib/db/migration-files";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "rd-migration-files-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function migration(name: string, sql: string) {
  await mkdir(path.join(dir, name), { recursive: true });
  await writeFile(path.join(dir, name, "migration.sql"), sql);
}

describe("readMigrationFiles", () => {
  it("lists migration directories in lexical order and ignores other entries", async () => {
    await migration("20240102000000_b", "SELECT 2;");
    await migration("20240101000000_z", "SELECT 1;");
    await migration("20240101000000_a", "SELECT 0;");
    await mkdir(path.join(dir, ".hidden"));
    await writeFile(path.join(dir, "migration_lock.toml"), 'provider = "postgresql"\n');
    const files = await readMigrationFiles(dir);
    expect(files.map((f) => f.name)).toEqual(["20240101000000_a", "20240101000000_z", "20240102000000_b"]);
    expect(files[0]).toMatchObject({ sql: "SELECT 0;", path: path.join(dir, "20240101000000_a", "migration.sql") });
  });

  it("records the SHA-256 hex of the file like Prisma", async () => {
    const sql = '-- CreateTable\nCREATE TABLE "Ä" ("id" TEXT);\n';
    await migration("20240101000000_init", sql);
    const [file] = await readMigrationFiles(dir);
    expect(file?.checksum).toBe(createHash("sha256").update(Buffer.from(sql, "utf8")).digest("hex"));
    expect(file?.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it("treats a missing directory as no migrations", async () => {
    expect(await readMigrationFiles(path.join(dir, "nope"))).toEqual([]);
    expect(await readMigrationLock(path.join(dir, "nope"))).toBeNull();
  });

  it("refuses a migration directory without migration.sql", async () => {
    await mkdir(path.join(dir, "20240101000000_empty"));
    await expect(readMigrationFiles(dir)).rejects.toBeInstanceOf(MigrationFileError);
  });
});

describe("checksumMatches", () => {
  const sql = "CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n";
  it("matches the exact checksum and not another", () => {
    expect(checksumMatches(sql, migrationChecksum(sql))).toBe(true);
    expect(checksumMatches(sql + " ", migrationChecksum(sql))).toBe(false);
  });
  it("tolerates CRLF/LF conversion, like Prisma", () => {
    expect(checksumMatches(sql.replace(/\n/g, "\r\n"), migrationChecksum(sql))).toBe(true);
    expect(checksumMatches(sql, migrationChecksum(sql.replace(/\n/g, "\r\n")))).toBe(true);
  });
  it("accepts checksums written without zero padding by old Prisma versions", () => {
    const unpaddedHex = (s: string) =>
      Array.from(createHash("sha256").update(s).digest(), (b) => b.toString(16)).join("");
    let script = sql;
    while (unpaddedHex(script).length === 64) script += "\n"; // find a script whose digest has a byte < 0x10
    expect(checksumMatches(script, unpaddedHex(script))).toBe(true);
    expect(checksumMatches(script + "x", unpaddedHex(script))).toBe(false);
  });
});
