import { describe, expect, it } from "vitest";
import { runtimeRoleFor } from "@/lib/db/app-role";

describe("the app's database role", () => {
  it("is none on the embedded database and when switched off", () => {
    expect(runtimeRoleFor({}, "s")).toEqual({ kind: "owner" });
    expect(runtimeRoleFor({ DATABASE_URL: "postgres://owner@db/rd", DATABASE_APP_ROLE: "none" }, "s")).toEqual({
      kind: "owner",
    });
  });
  it("is the operator's own when DATABASE_APP_URL is set", () => {
    expect(
      runtimeRoleFor({ DATABASE_URL: "postgres://owner@db/rd", DATABASE_APP_URL: "postgres://rd_web:pw@db/rd" }, "s"),
    ).toEqual({
      kind: "role",
      role: "rd_web",
      url: "postgres://rd_web:pw@db/rd",
      managed: true,
    });
  });
  it("is otherwise named after the database, with a password every instance derives alike from the secret", () => {
    const first = runtimeRoleFor(
      { DATABASE_URL: "postgres://owner:ownerpw@db:5433/Renewal-Desk?sslmode=require" },
      "secret-1",
    );
    const again = runtimeRoleFor(
      { DATABASE_URL: "postgres://owner:ownerpw@db:5433/Renewal-Desk?sslmode=require" },
      "secret-1",
    );
    const other = runtimeRoleFor(
      { DATABASE_URL: "postgres://owner:ownerpw@db:5433/Renewal-Desk?sslmode=require" },
      "secret-2",
    );
    expect(first).toMatchObject({ kind: "role", role: "renewal_desk_app", managed: false });
    if (first.kind !== "role" || other.kind !== "role") throw new Error("expected roles");
    const url = new URL(first.url);
    expect([url.username, url.host, url.pathname, url.search]).toEqual([
      "renewal_desk_app",
      "db:5433",
      "/Renewal-Desk",
      "?sslmode=require",
    ]);
    expect(url.password).toMatch(/^[\w-]{43}$/);
    expect(url.password).not.toBe("ownerpw");
    expect(again).toEqual(first);
    expect(new URL(other.url).password).not.toBe(url.password);
  });
  it("takes DATABASE_APP_ROLE as the name, made safe", () => {
    expect(
      runtimeRoleFor({ DATABASE_URL: "postgres://owner@db/rd", DATABASE_APP_ROLE: "RD web;drop" }, "s"),
    ).toMatchObject({ role: "rd_web_drop" });
  });
});
