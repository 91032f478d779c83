/**
 * A strict DER reader. @peculiar/x509 (asn1js underneath) accepts BER leniencies such as
 * non-minimal lengths and trailing bytes; a certificate is signed over exact bytes, so we
 * refuse anything that is not canonical DER instead of guessing what the signer meant.
 */

export class DerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DerError";
  }
}

export const TagClass = { universal: 0, application: 1, context: 2, private: 3 } as const;

export const Tag = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  utf8String: 0x0c,
  sequence: 0x30,
  set: 0x31,
  numericString: 0x12,
  printableString: 0x13,
  teletexString: 0x14,
  ia5String: 0x16,
  utcTime: 0x17,
  generalizedTime: 0x18,
  visibleString: 0x1a,
  universalString: 0x1c,
  bmpString: 0x1e,
} as const;

/** One TLV element. `bytes` is the whole input buffer; offsets point into it (no copies). */
export class DerNode {
  constructor(
    readonly bytes: Uint8Array,
    /** identifier octet (only low tag numbers < 31 are supported, which covers X.509) */
    readonly tag: number,
    readonly start: number,
    readonly valueStart: number,
    readonly end: number,
  ) {}

  get tagClass(): number {
    return this.tag >> 6;
  }
  get constructed(): boolean {
    return (this.tag & 0x20) !== 0;
  }
  get tagNumber(): number {
    return this.tag & 0x1f;
  }
  get length(): number {
    return this.end - this.valueStart;
  }
  /** The content octets. */
  get value(): Uint8Array {
    return this.bytes.subarray(this.valueStart, this.end);
  }
  /** The full encoding, header included. */
  get encoded(): Uint8Array {
    return this.bytes.subarray(this.start, this.end);
  }
  isContext(tagNumber: number): boolean {
    return this.tagClass === TagClass.context && this.tagNumber === tagNumber;
  }

  /** Children of a constructed element; the content must be consumed exactly. */
  children(): DerNode[] {
    if (!this.constructed) throw new DerError("expected a constructed element");
    const out: DerNode[] = [];
    let offset = this.valueStart;
    while (offset < this.end) {
      const child = readNode(this.bytes, offset, this.end);
      out.push(child);
      offset = child.end;
    }
    return out;
  }
}

/** Reads one element starting at `offset`; it must end at or before `limit`. */
export function readNode(bytes: Uint8Array, offset: number, limit = bytes.length): DerNode {
  if (offset >= limit) throw new DerError("unexpected end of data");
  const tag = bytes[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError("high tag numbers are not used in certificates");
  let pos = offset + 1;
  if (pos >= limit) throw new DerError("missing length");
  const first = bytes[pos++]!;
  let length: number;
  if (first < 0x80) {
    length = first;
  } else if (first === 0x80) {
    throw new DerError("indefinite length is not allowed in DER");
  } else {
    const count = first & 0x7f;
    if (count > 4) throw new DerError("length too large");
    if (pos + count > limit) throw new DerError("truncated length");
    if (bytes[pos] === 0) throw new DerError("non-minimal length encoding");
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[pos++]!;
    if (length < 0x80) throw new DerError("non-minimal length encoding");
  }
  const end = pos + length;
  if (end > limit) throw new DerError("element extends beyond its container");
  return new DerNode(bytes, tag, offset, pos, end);
}

/** Parses a buffer that must hold exactly one element and nothing after it. */
export function readSingle(bytes: Uint8Array): DerNode {
  const node = readNode(bytes, 0, bytes.length);
  if (node.end !== bytes.length) throw new DerError("trailing data after the encoded value");
  return node;
}

export function expectTag(node: DerNode | undefined, tag: number, what: string): DerNode {
  if (!node) throw new DerError(`missing ${what}`);
  if (node.tag !== tag) throw new DerError(`${what} has the wrong type`);
  return node;
}

/** A cursor over the children of a SEQUENCE, for optional/defaulted fields. */
export class DerCursor {
  private index = 0;
  constructor(private readonly items: DerNode[]) {}
  peek(): DerNode | undefined {
    return this.items[this.index];
  }
  next(what: string): DerNode {
    const node = this.items[this.index++];
    if (!node) throw new DerError(`missing ${what}`);
    return node;
  }
  take(tag: number, what: string): DerNode {
    return expectTag(this.items[this.index++], tag, what);
  }
  /** Takes the next element if it has `tag`. */
  optional(tag: number): DerNode | undefined {
    const node = this.items[this.index];
    if (node && node.tag === tag) {
      this.index++;
      return node;
    }
    return undefined;
  }
  done(what: string): void {
    if (this.index !== this.items.length) throw new DerError(`unexpected extra field in ${what}`);
  }
}

export function readBoolean(node: DerNode): boolean {
  if (node.tag !== Tag.boolean || node.length !== 1) throw new DerError("invalid BOOLEAN");
  const v = node.value[0];
  if (v === 0x00) return false;
  if (v === 0xff) return true;
  throw new DerError("BOOLEAN must be 0x00 or 0xFF in DER");
}

/** Returns the two's-complement content octets after checking minimal encoding. */
export function readIntegerBytes(node: DerNode, tag: number = Tag.integer): Uint8Array {
  if (node.tag !== tag) throw new DerError("expected INTEGER");
  const v = node.value;
  if (v.length === 0) throw new DerError("empty INTEGER");
  if (v.length > 1 && ((v[0] === 0x00 && v[1]! < 0x80) || (v[0] === 0xff && v[1]! >= 0x80))) {
    throw new DerError("non-minimal INTEGER encoding");
  }
  return v;
}

export function isNegativeInteger(v: Uint8Array): boolean {
  return v.length > 0 && v[0]! >= 0x80;
}

/** Small non-negative INTEGER as a JS number (path lengths, versions). */
export function readSmallInteger(node: DerNode, tag: number = Tag.integer): number {
  const v = readIntegerBytes(node, tag);
  if (isNegativeInteger(v)) throw new DerError("negative INTEGER where a non-negative one is required");
  if (v.length > 6) throw new DerError("INTEGER too large");
  let n = 0;
  for (const b of v) n = n * 256 + b;
  return n;
}

export function readOid(node: DerNode, tag: number = Tag.oid): string {
  if (node.tag !== tag) throw new DerError("expected OBJECT IDENTIFIER");
  const v = node.value;
  if (v.length === 0) throw new DerError("empty OBJECT IDENTIFIER");
  const arcs: number[] = [];
  let current = 0;
  let startOfArc = true;
  for (let i = 0; i < v.length; i++) {
    const b = v[i]!;
    if (startOfArc && b === 0x80) throw new DerError("non-minimal OBJECT IDENTIFIER arc");
    current = current * 128 + (b & 0x7f);
    if (current > Number.MAX_SAFE_INTEGER / 128) throw new DerError("OBJECT IDENTIFIER arc too large");
    startOfArc = (b & 0x80) === 0;
    if (startOfArc) {
      arcs.push(current);
      current = 0;
    }
  }
  if (!startOfArc) throw new DerError("truncated OBJECT IDENTIFIER");
  const firstArc = arcs[0]!;
  const head = firstArc < 40 ? [0, firstArc] : firstArc < 80 ? [1, firstArc - 40] : [2, firstArc - 80];
  return [...head, ...arcs.slice(1)].join(".");
}

export interface BitString {
  bytes: Uint8Array;
  unusedBits: number;
}

export function readBitString(node: DerNode, tag: number = Tag.bitString): BitString {
  if (node.tag !== tag) throw new DerError("expected BIT STRING");
  const v = node.value;
  if (v.length === 0) throw new DerError("empty BIT STRING");
  const unusedBits = v[0]!;
  if (unusedBits > 7) throw new DerError("invalid BIT STRING padding");
  if (v.length === 1 && unusedBits !== 0) throw new DerError("invalid BIT STRING padding");
  if (unusedBits > 0) {
    const last = v[v.length - 1]!;
    if ((last & ((1 << unusedBits) - 1)) !== 0) throw new DerError("BIT STRING padding bits must be zero in DER");
  }
  return { bytes: v.subarray(1), unusedBits };
}

/** Named-bit lists (keyUsage) must not carry trailing zero bits in DER. */
export function readNamedBits(node: DerNode): BitString {
  const bits = readBitString(node);
  if (bits.bytes.length > 0) {
    const last = bits.bytes[bits.bytes.length - 1]!;
    if (last === 0 || (last & (1 << bits.unusedBits)) === 0) {
      throw new DerError("named bit list has trailing zero bits (not DER)");
    }
  }
  return bits;
}

export function readNull(node: DerNode): void {
  if (node.tag !== Tag.null || node.length !== 0) throw new DerError("expected NULL");
}

export function readOctetString(node: DerNode, tag: number = Tag.octetString): Uint8Array {
  if (node.tag !== tag) throw new DerError("expected OCTET STRING");
  return node.value;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}
