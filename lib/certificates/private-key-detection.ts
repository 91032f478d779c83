/**
 * Recognises private keys so that they can be refused without being parsed, stored or
 * echoed. Deliberately lenient (BER, indefinite lengths): a PKCS#12 file exported by
 * Windows is often BER, and a key must be caught however it is encoded.
 */

const OPENSSH_MAGIC = "openssh-key-v1\0";

/** Oids of the PKCS#7 content types a PKCS#12 AuthenticatedSafe is wrapped in. */
const PFX_CONTENT_TYPES = new Set(["2a864886f70d010701", "2a864886f70d010702"]);
/** Prefixes (hex of the OID content) of PKCS#5 and PKCS#12 password-based encryption schemes. */
const PBE_PREFIXES = ["2a864886f70d0105", "2a864886f70d010c01"];

interface Header {
  tag: number;
  start: number;
  valueStart: number;
  /** null for BER indefinite length */
  end: number | null;
}

function header(bytes: Uint8Array, offset: number): Header | undefined {
  if (offset + 2 > bytes.length) return undefined;
  const tag = bytes[offset]!;
  let pos = offset + 1;
  const first = bytes[pos++]!;
  if (first === 0x80) return { tag, start: offset, valueStart: pos, end: null };
  let length = first;
  if (first > 0x80) {
    const count = first & 0x7f;
    if (count > 4 || pos + count > bytes.length) return undefined;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[pos++]!;
  }
  return { tag, start: offset, valueStart: pos, end: pos + length };
}

/** Up to `max` child headers of a constructed element (stops at what it cannot read). */
function children(bytes: Uint8Array, parent: Header, max: number): Header[] {
  const out: Header[] = [];
  const limit = parent.end ?? bytes.length;
  let offset = parent.valueStart;
  while (out.length < max && offset < limit) {
    if (parent.end === null && bytes[offset] === 0 && bytes[offset + 1] === 0) break; // end-of-contents
    const child = header(bytes, offset);
    if (!child || child.end === null || child.end > limit) {
      if (child) out.push(child);
      break;
    }
    out.push(child);
    offset = child.end;
  }
  return out;
}

function valueHex(bytes: Uint8Array, h: Header): string {
  if (h.end === null) return "";
  return Buffer.from(bytes.subarray(h.valueStart, h.end)).toString("hex");
}

const isInteger = (h: Header | undefined): h is Header => h?.tag === 0x02;

/** Names the kind of private key container `bytes` looks like, or undefined. */
export function privateKeyKind(bytes: Uint8Array): string | undefined {
  if (Buffer.from(bytes.subarray(0, OPENSSH_MAGIC.length)).toString("latin1") === OPENSSH_MAGIC)
    return "an OpenSSH private key";
  const outer = header(bytes, 0);
  if (!outer || outer.tag !== 0x30) return undefined;
  const items = children(bytes, outer, 10);
  const [a, b, c] = items;
  if (!a || !b) return undefined;

  if (isInteger(a) && valueHex(bytes, a) === "03" && b.tag === 0x30) {
    const inner = children(bytes, b, 1)[0];
    if (inner?.tag === 0x06 && PFX_CONTENT_TYPES.has(valueHex(bytes, inner))) return "a PKCS#12 (.pfx/.p12) file";
  }
  if (isInteger(a) && ["00", "01"].includes(valueHex(bytes, a)) && b.tag === 0x30 && c?.tag === 0x04)
    return "a PKCS#8 private key";
  if (a.tag === 0x30 && b.tag === 0x04 && items.length === 2) {
    const algorithm = children(bytes, a, 1)[0];
    const oid = algorithm?.tag === 0x06 ? valueHex(bytes, algorithm) : "";
    if (PBE_PREFIXES.some((p) => oid.startsWith(p))) return "an encrypted PKCS#8 private key";
  }
  if (isInteger(a) && valueHex(bytes, a) === "01" && b.tag === 0x04) return "an EC private key";
  if (isInteger(a) && ["00", "01"].includes(valueHex(bytes, a)) && items.length >= 6 && items.every(isInteger)) {
    return items.length === 6 ? "a DSA private key" : "an RSA private key";
  }
  return undefined;
}

/** PEM labels of private keys: "PRIVATE KEY", "RSA PRIVATE KEY", "ENCRYPTED PRIVATE KEY", ... */
export function isPrivateKeyLabel(label: string): boolean {
  return label.includes("PRIVATE KEY");
}

/** Text formats that carry a private key without a PEM label. */
export function textHasPrivateKey(text: string): boolean {
  return /PuTTY-User-Key-File-\d/.test(text);
}
