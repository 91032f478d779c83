import { describe, expect, it } from "vitest";
import { validateRenewal } from "@/lib/certificates";
import { makeCurrentChain, part } from "../support/certificates";

/** A small deterministic generator, so that a failing input can be reproduced from the seed printed below. */
function random(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
}

type Mutation = (der: Uint8Array, next: () => number) => Uint8Array;

const MUTATIONS: Record<string, Mutation> = {
  bitFlip: (der, next) => {
    const copy = der.slice();
    for (let flips = 1 + Math.floor(next() * 4); flips > 0; flips -= 1)
      copy[Math.floor(next() * copy.length)]! ^= 1 << Math.floor(next() * 8);
    return copy;
  },
  truncate: (der, next) => der.slice(0, Math.floor(next() * der.length)),
  lengthField: (der, next) => {
    // Corrupt a byte right after a SEQUENCE/SET tag: that is where DER keeps lengths.
    const copy = der.slice();
    const tags = [...copy.keys()].filter((index) => copy[index] === 0x30 || copy[index] === 0x31);
    const at = tags[Math.floor(next() * tags.length)] ?? 0;
    copy[Math.min(at + 1, copy.length - 1)] = Math.floor(next() * 256);
    return copy;
  },
  nestedGarbage: (der, next) => {
    const depth = 1 + Math.floor(next() * 200);
    const prefix = new Uint8Array(depth * 2).map((_, index) => (index % 2 === 0 ? 0x30 : 0x80));
    return new Uint8Array([...prefix, ...der.slice(0, Math.floor(next() * der.length))]);
  },
  splice: (der, next) => {
    const start = Math.floor(next() * der.length);
    const garbage = new Uint8Array(1 + Math.floor(next() * 64)).map(() => Math.floor(next() * 256));
    return new Uint8Array([...der.slice(0, start), ...garbage, ...der.slice(start)]);
  },
  hugeCount: (der) => new Uint8Array([0x30, 0x84, 0x7f, 0xff, 0xff, 0xff, ...der]),
};

const BUDGET_MS = Number(process.env.FUZZ_BUDGET_MS ?? 20_000);
const MAX_INPUTS = Number(process.env.FUZZ_MAX_INPUTS ?? 20_000);
const SLOWEST_ALLOWED_MS = 250;

describe("certificate intake under mutated input", () => {
  it(
    "never throws, never hangs, and never accepts a mutated client certificate",
    async () => {
      const chain = await makeCurrentChain("Fuzz");
      const seed = Number(process.env.FUZZ_SEED ?? 20261128);
      const next = random(seed);
      const names = Object.keys(MUTATIONS);
      const started = performance.now();
      let tried = 0;
      let crashes = 0;
      let wronglyAccepted = 0;
      let slowest = { ms: 0, mutation: "" };
      while (tried < MAX_INPUTS && performance.now() - started < BUDGET_MS) {
        const name = names[tried % names.length]!;
        const mutated = MUTATIONS[name]!(chain.leaf.der, next);
        const asPem = next() < 0.3;
        const input = asPem
          ? part(`-----BEGIN CERTIFICATE-----\n${Buffer.from(mutated).toString("base64")}\n-----END CERTIFICATE-----\n`)
          : part(mutated);
        const t0 = performance.now();
        try {
          const result = validateRenewal({
            newLeaf: [input, part(chain.intermediate.pem)],
            newRoot: [part(chain.root.pem)],
          });
          const unchanged =
            mutated.length === chain.leaf.der.length && mutated.every((byte, index) => byte === chain.leaf.der[index]);
          if (result.accepted && !unchanged) wronglyAccepted += 1;
        } catch {
          crashes += 1;
        }
        const ms = performance.now() - t0;
        if (ms > slowest.ms) slowest = { ms, mutation: name };
        tried += 1;
      }
      console.info(
        `fuzz: ${tried} inputs, ${crashes} crashes, ${wronglyAccepted} wrongly accepted, slowest ${slowest.ms.toFixed(1)} ms (${slowest.mutation}), seed ${seed}`,
      );
      expect(tried).toBeGreaterThan(1000);
      expect(crashes).toBe(0);
      expect(wronglyAccepted).toBe(0);
      expect(slowest.ms).toBeLessThan(SLOWEST_ALLOWED_MS);
    },
    BUDGET_MS + 30_000,
  );
});
