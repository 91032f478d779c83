import { describe, expect, it } from "vitest";
import { TtlCache } from "@/lib/cache/ttl-cache";

function counter() {
  let calls = 0;
  return { load: async () => ++calls, calls: () => calls };
}

describe("TtlCache", () => {
  it("loads once while fresh, shares a pending load, and loads again after the time to live", async () => {
    let now = 1_000;
    const cache = new TtlCache<number>(60_000, 10, () => now);
    const source = counter();
    const [first, second] = await Promise.all([cache.get("w1", source.load), cache.get("w1", source.load)]);
    expect([first, second, source.calls()]).toEqual([1, 1, 1]);
    now += 59_999;
    expect(await cache.get("w1", source.load)).toBe(1);
    now += 1;
    expect(await cache.get("w1", source.load)).toBe(2);
  });

  it("forgets a key on delete and a failed load at once", async () => {
    const cache = new TtlCache<number>(60_000, 10);
    const source = counter();
    await cache.get("w1", source.load);
    cache.delete("w1");
    expect(await cache.get("w1", source.load)).toBe(2);

    await expect(cache.get("w2", () => Promise.reject(new Error("database down")))).rejects.toThrow("database down");
    expect(await cache.get("w2", source.load)).toBe(3);
  });

  it("drops the oldest entry when full", async () => {
    const cache = new TtlCache<string>(60_000, 2);
    await cache.get("a", async () => "a1");
    await cache.get("b", async () => "b1");
    await cache.get("c", async () => "c1");
    expect(await cache.get("b", async () => "b2")).toBe("b1");
    expect(await cache.get("a", async () => "a2")).toBe("a2");
  });
});
