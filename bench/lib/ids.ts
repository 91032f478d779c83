import { randomBytes } from "node:crypto";

const BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz";

/**
 * Ids shaped like Prisma's cuid(): "c" + 24 lowercase base-36 characters, starting with a timestamp so that they
 * sort roughly by creation like real ones. Unique within a process (a counter) and across runs (a random
 * fingerprint per generator).
 */
export class IdGenerator {
  private counter = 0;
  private readonly fingerprint: string;
  private readonly time: string;

  constructor() {
    const bytes = randomBytes(6);
    this.fingerprint = Array.from(bytes, (byte) => BASE36[byte % 36]).join("");
    this.time = Date.now().toString(36).padStart(8, "0").slice(-8);
  }

  next(): string {
    const count = (this.counter++).toString(36).padStart(8, "0");
    // c + 8 (time) + 8 (counter) + 6 (fingerprint) + 2 (mixed) = 25 characters, like a cuid.
    const mix = BASE36[(this.counter * 7) % 36]! + BASE36[(this.counter * 13) % 36]!;
    return `c${this.time}${count}${this.fingerprint}${mix}`;
  }
}
