import { describe, expect, it } from "vitest";
import { hasTransactionControl } from "@/lib/db/migrate";
import { migrationSlug, nextMigrationStamp } from "@/scripts/db-new-migration";

describe("hasTransactionControl", () => {
  it("sees BEGIN/COMMIT statements, as Prisma writes around enum changes", () => {
    expect(hasTransactionControl("-- AlterEnum\nBEGIN;\nCREATE TYPE \"S_new\" AS ENUM ('A');\nCOMMIT;\n")).toBe(true);
    expect(hasTransactionControl("start transaction; select 1; end;")).toBe(true);
  });
  it("ignores BEGIN/END inside function bodies, strings and comments", () => {
    const fn = `CREATE FUNCTION f() RETURNS trigger AS $$\nBEGIN\n  RAISE EXCEPTION 'no';\nEND;\n$$ LANGUAGE plpgsql;\n`;
    expect(hasTransactionControl(fn)).toBe(false);
    expect(
      hasTransactionControl(`CREATE FUNCTION g() RETURNS int AS $body$ BEGIN RETURN 1; END; $body$ LANGUAGE plpgsql;`),
    ).toBe(false);
    expect(
      hasTransactionControl("-- don't BEGIN;\nSELECT 'x; COMMIT;';\n/* END; */ CREATE TABLE \"begin\" (id int);"),
    ).toBe(false);
    expect(hasTransactionControl('CREATE TABLE "Case" ("id" TEXT NOT NULL);')).toBe(false);
  });
});

describe("migration names", () => {
  it("slugs a name for a directory", () => {
    expect(migrationSlug("Add case notes!")).toBe("add_case_notes");
    expect(migrationSlug("init")).toBe("init");
    expect(() => migrationSlug(" -- ")).toThrow(/Not a usable migration name/);
  });
  it("stamps with the UTC time, always after the newest migration", () => {
    const now = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
    expect(nextMigrationStamp([], now)).toBe("20260102030405");
    expect(nextMigrationStamp(["20250101000000_init"], now)).toBe("20260102030405");
    expect(nextMigrationStamp(["20260102030405_same_second"], now)).toBe("20260102030406");
    expect(nextMigrationStamp(["20261231235959_future"], now)).toBe("20270101000000");
  });
});
