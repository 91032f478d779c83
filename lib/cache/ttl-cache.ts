/**
 * A small in-process cache of promises with a time to live and a size bound. Concurrent callers of a missing
 * key share one load; a load that fails is not kept, so the next caller tries again.
 */
export class TtlCache<Value> {
  private readonly entries = new Map<string, { expiresAt: number; value: Promise<Value> }>();

  constructor(
    private readonly ttlMilliseconds: number,
    private readonly maxEntries: number,
    private readonly clock: () => number = Date.now,
  ) {}

  get(key: string, load: () => Promise<Value>): Promise<Value> {
    const now = this.clock();
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt > now) return entry.value;
    this.entries.delete(key);
    // Oldest first: Map keeps insertion order, so the first key is the one stored longest ago.
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    const value = load();
    this.entries.set(key, { expiresAt: now + this.ttlMilliseconds, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
