import { describe, expect, it } from "vitest";
import { isOverLimit, takeHit } from "@/lib/limits/store/rate-limit";
import { admitSignInMail } from "@/lib/auth/sign-in-limits";
import { db } from "@/lib/db";
import { uniqueTag } from "../factories";

const HOUR = 60 * 60_000;

describe("limits kept in the database", () => {
  it("let exactly the allowance through when many requests race, as several app instances would", async () => {
    const limit = { name: `race-${uniqueTag()}`, max: 5, windowMs: HOUR };
    const results = await Promise.all(Array.from({ length: 20 }, () => takeHit(limit, "client-1")));
    expect(results.filter(Boolean)).toHaveLength(5);
    expect(await isOverLimit(limit, "client-1")).toBe(true);
    expect(await isOverLimit(limit, "client-2")).toBe(false);
  });

  it("do not count refused hits: who keeps trying does not push the limit further out", async () => {
    const limit = { name: `refused-${uniqueTag()}`, max: 2, windowMs: HOUR };
    const start = Math.floor(Date.now() / HOUR) * HOUR;
    expect(await takeHit(limit, "x", start + 1)).toBe(true);
    expect(await takeHit(limit, "x", start + 2)).toBe(true);
    for (let attempt = 0; attempt < 10; attempt += 1) expect(await takeHit(limit, "x", start + 3)).toBe(false);
    // Past half of the next window, the previous window's 2 hits weigh less than 1: one more is allowed. Had the
    // 10 refused attempts counted, 12 hits would still weigh 6 and refuse it.
    expect(await takeHit(limit, "x", start + HOUR + HOUR / 2 + 1000)).toBe(true);
  });

  it("slide: hits at the end of one window still count early in the next, then fade", async () => {
    const limit = { name: `slide-${uniqueTag()}`, max: 4, windowMs: HOUR };
    const start = Math.floor(Date.now() / HOUR) * HOUR - 2 * HOUR;
    for (let index = 0; index < 4; index += 1) expect(await takeHit(limit, "y", start + HOUR - 1000)).toBe(true);
    // A quarter into the next window, three quarters of the previous four still count: one more fits.
    expect(await takeHit(limit, "y", start + HOUR + HOUR / 4)).toBe(true);
    expect(await takeHit(limit, "y", start + HOUR + HOUR / 4)).toBe(false);
    // Near the end of that window the previous hits barely count.
    expect(await takeHit(limit, "y", start + 2 * HOUR - 1000)).toBe(true);
  });

  it("keep no address in the clear", async () => {
    const address = `secret-${uniqueTag()}@example.test`;
    await takeHit({ name: "clear", max: 1, windowMs: HOUR }, address);
    const rows = await db().$queryRaw<
      { found: bigint }[]
    >`SELECT count(*) AS found FROM "RateLimitWindow" WHERE key LIKE ${`%${address}%`}`;
    expect(Number(rows[0]!.found)).toBe(0);
  });
});

describe("sign-in mails", () => {
  it("go out at most 5 times an hour to one address, from any number of clients", async () => {
    const email = `victim-${uniqueTag()}@example.test`;
    const admitted = [];
    for (let index = 0; index < 25; index += 1) admitted.push(await admitSignInMail(email, `198.51.100.${index}`));
    expect(admitted.filter(Boolean)).toHaveLength(5);
    expect(admitted.slice(0, 5)).toEqual([true, true, true, true, true]);
  });

  it("go out at most 20 times an hour from one client, whatever addresses it names", async () => {
    const client = `203.0.113.${Math.floor(Math.random() * 250)}-${uniqueTag()}`;
    const admitted = [];
    for (let index = 0; index < 25; index += 1)
      admitted.push(await admitSignInMail(`user${index}-${uniqueTag()}@example.test`, client));
    expect(admitted.filter(Boolean)).toHaveLength(20);
  });

  it("treat an address in any letter case as the same address", async () => {
    const tag = uniqueTag();
    const admitted = [];
    for (let index = 0; index < 6; index += 1)
      admitted.push(
        await admitSignInMail(index % 2 ? `Case-${tag}@Example.test` : `case-${tag}@example.test`, `192.0.2.${index}`),
      );
    expect(admitted.filter(Boolean)).toHaveLength(5);
  });
});
