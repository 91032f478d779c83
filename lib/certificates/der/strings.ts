import { DerError, DerNode, Tag } from "./reader";

const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;
const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Decodes the ASN.1 string types that appear in names and extensions. Invalid content
 * (a "PrintableString" with an '@', broken UTF-8, odd-length BMPString) is an error:
 * two certificates must agree on what a name *is* before we compare names.
 */
export function decodeString(node: DerNode): string {
  const v = node.value;
  switch (node.tag) {
    case Tag.utf8String:
      try {
        return utf8.decode(v);
      } catch {
        throw new DerError("UTF8String is not valid UTF-8");
      }
    case Tag.printableString: {
      const s = latin1(v);
      if (!PRINTABLE.test(s)) throw new DerError("PrintableString contains characters outside its alphabet");
      return s;
    }
    case Tag.ia5String:
    case Tag.visibleString:
    case Tag.numericString: {
      for (const b of v)
        if (b > 0x7e || (node.tag !== Tag.ia5String && b < 0x20))
          throw new DerError("string contains characters outside its alphabet");
      return latin1(v);
    }
    case Tag.teletexString:
      // T.61 is effectively treated as Latin-1 by every deployed implementation.
      return latin1(v);
    case Tag.bmpString: {
      if (v.length % 2 !== 0) throw new DerError("BMPString has an odd length");
      let s = "";
      for (let i = 0; i < v.length; i += 2) s += String.fromCharCode((v[i]! << 8) | v[i + 1]!);
      return s;
    }
    case Tag.universalString: {
      if (v.length % 4 !== 0) throw new DerError("UniversalString length is not a multiple of 4");
      let s = "";
      for (let i = 0; i < v.length; i += 4) {
        const cp = ((v[i]! << 24) | (v[i + 1]! << 16) | (v[i + 2]! << 8) | v[i + 3]!) >>> 0;
        if (cp > 0x10ffff) throw new DerError("UniversalString code point out of range");
        s += String.fromCodePoint(cp);
      }
      return s;
    }
    default:
      throw new DerError("unsupported string type");
  }
}

export function isStringTag(tag: number): boolean {
  return (
    tag === Tag.utf8String ||
    tag === Tag.printableString ||
    tag === Tag.ia5String ||
    tag === Tag.visibleString ||
    tag === Tag.numericString ||
    tag === Tag.bmpString ||
    tag === Tag.universalString ||
    tag === Tag.teletexString
  );
}

/** IA5String content (dNSName, rfc822Name, URI); rejects non-ASCII bytes. */
export function readIa5(node: DerNode): string {
  for (const b of node.value) if (b > 0x7f) throw new DerError("IA5String contains non-ASCII bytes");
  return latin1(node.value);
}

export function latin1(v: Uint8Array): string {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("latin1");
}
