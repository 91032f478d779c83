// db:new-migration end to end: the wasm schema engine diffs migrations against a schema, the runner applies the
// result, and Prisma's own migration-history check (what `prisma migrate status` runs) agrees with the runner.
import { PGlite } from "@electric-sql/pglite";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/db/migrate";
import {
  createMigration,
  diffMigrationsToSchema,
  loadMigrationList,
  withSchemaEngine,
} from "@/scripts/db-new-migration";

const header = `datasource db {\n  provider = "postgresql"\n}\n\n`;
const oneModel = `${header}model Note {\n  id        String   @id @default(cuid())\n  title     String\n  createdAt DateTime @default(now())\n}\n`;
const twoFields = oneModel.replace("  title     String\n", "  title     String\n  body      String?\n");

describe("db:new-migration (wasm schema engine, PGlite shadow database)", () => {
  let dir: string;
  let schemaPath: string;
  let migrationsDir: string;
  let db: PGlite;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "rd-new-migration-"));
    schemaPath = path.join(dir, "schema.prisma");
    migrationsDir = path.join(dir, "migrations");
    db = new PGlite();
  });
  afterAll(async () => {
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const tableColumns = async (table: string) =>
    (
      await db.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position`,
        [table],
      )
    ).rows.map((r) => r.column_name);

  it("writes the first migration and the lock file, and the runner applies it", async () => {
    await writeFile(schemaPath, oneModel);
    const result = await createMigration({
      name: "init",
      schemaPath,
      migrationsDir,
      now: new Date(Date.UTC(2026, 0, 1)),
    });
    expect(result.created).toBe(true);
    if (!result.created) return;
    expect(result.migrationName).toBe("20260101000000_init");
    expect(result.wroteLockFile).toBe(true);
    expect(await readFile(path.join(migrationsDir, "migration_lock.toml"), "utf8")).toMatch(
      /^provider = "postgresql"$/m,
    );
    const sql = await readFile(result.file, "utf8");
    expect(sql).toBe(result.sql);
    // What `prisma migrate diff --from-migrations … --to-schema … --script` prints for this model.
    expect(sql).toContain(
      `-- CreateTable\nCREATE TABLE "Note" (\n    "id" TEXT NOT NULL,\n    "title" TEXT NOT NULL,\n    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,\n\n    CONSTRAINT "Note_pkey" PRIMARY KEY ("id")\n);`,
    );

    expect((await applyMigrations(db, migrationsDir)).map((m) => m.name)).toEqual(["20260101000000_init"]);
    expect(await tableColumns("Note")).toEqual(["id", "title", "createdAt"]);
  });

  it("reports no changes when the migrations already match the schema", async () => {
    expect(await diffMigrationsToSchema({ schemaPath, migrationsDir })).toBeNull();
    expect(await createMigration({ name: "again", schemaPath, migrationsDir })).toEqual({ created: false });
    expect(await readdir(migrationsDir)).toEqual(["20260101000000_init", "migration_lock.toml"]);
  });

  it("writes only the difference for a schema change, ordered after the previous migration", async () => {
    await writeFile(schemaPath, twoFields);
    const result = await createMigration({
      name: "Add note body",
      schemaPath,
      migrationsDir,
      now: new Date(Date.UTC(2025, 0, 1)),
    });
    expect(result).toMatchObject({
      created: true,
      migrationName: "20260101000001_add_note_body",
      wroteLockFile: false,
    });
    if (!result.created) return;
    expect(result.sql.trim()).toBe(`-- AlterTable\nALTER TABLE "Note" ADD COLUMN     "body" TEXT;`);
    expect((await applyMigrations(db, migrationsDir)).map((m) => m.name)).toEqual(["20260101000001_add_note_body"]);
    expect(await tableColumns("Note")).toEqual(["id", "title", "createdAt", "body"]);
  });

  it("leaves a history that Prisma's own check (prisma migrate status) considers in sync", async () => {
    const migrationsList = await loadMigrationList(migrationsDir);
    const diagnosis = await withSchemaEngine({ db }, (engine) =>
      engine.diagnoseMigrationHistory({
        migrationsList,
        optInToShadowDatabase: false,
        filters: { externalTables: [], externalEnums: [] },
      }),
    );
    expect(diagnosis).toEqual({
      editedMigrationNames: [],
      failedMigrationNames: [],
      hasMigrationsTable: true,
      history: null,
    });
  });

  it("fails clearly on an invalid schema", async () => {
    const bad = path.join(dir, "bad.prisma");
    await writeFile(bad, `${header}model Broken {\n  id Strin @id\n}\n`);
    await expect(diffMigrationsToSchema({ schemaPath: bad, migrationsDir })).rejects.toThrow(/Strin/);
  });

  // The project's own schema and migrations must stay in sync (someone edited schema.prisma without a migration).
  const projectSchema = path.resolve("prisma/schema.prisma");
  const projectMigrations = path.resolve("prisma/migrations");
  it.skipIf(!existsSync(projectSchema) || !existsSync(projectMigrations))(
    "prisma/migrations matches prisma/schema.prisma (run `npm run db:new-migration -- NAME` if not)",
    async () => {
      expect(await diffMigrationsToSchema({ schemaPath: projectSchema, migrationsDir: projectMigrations })).toBeNull();
    },
  );
});
