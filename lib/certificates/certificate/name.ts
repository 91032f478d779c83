import { DerError, DerNode, Tag, readOid, toHex } from "../der/reader";
import { decodeString, isStringTag } from "../der/strings";

export interface NameAttribute {
  oid: string;
  /** Comparison form: RFC 5280 7.1 (LDAP StringPrep, simplified) for strings, hex otherwise. */
  normalized: string;
}

export interface DistinguishedName {
  der: Uint8Array;
  rdns: NameAttribute[][];
  /** Canonical key: two names are equal for chaining exactly when their keys are equal. */
  key: string;
  isEmpty: boolean;
}

/**
 * RFC 5280 7.1 asks for LDAP StringPrep before comparing names: case folding, Unicode
 * normalization, insignificant whitespace removed. PKITS checks exactly these rules
 * (capitalization, whitespace, PrintableString vs UTF8String).
 */
export function normalizeString(s: string): string {
  return s.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

export function parseName(node: DerNode): DistinguishedName {
  if (node.tag !== Tag.sequence) throw new DerError("name is not a SEQUENCE");
  const rdns: NameAttribute[][] = [];
  for (const rdnNode of node.children()) {
    if (rdnNode.tag !== Tag.set) throw new DerError("relative distinguished name is not a SET");
    const attributes = rdnNode.children();
    if (attributes.length === 0) throw new DerError("empty relative distinguished name");
    const rdn: NameAttribute[] = [];
    for (const attributeNode of attributes) {
      if (attributeNode.tag !== Tag.sequence) throw new DerError("name attribute is not a SEQUENCE");
      const parts = attributeNode.children();
      if (parts.length !== 2) throw new DerError("name attribute must have a type and one value");
      const oid = readOid(parts[0]!);
      const valueNode = parts[1]!;
      const normalized = isStringTag(valueNode.tag)
        ? normalizeString(decodeString(valueNode))
        : `#${toHex(valueNode.encoded)}`;
      rdn.push({ oid, normalized });
    }
    rdns.push(rdn);
  }
  return { der: node.encoded, rdns, key: nameKey(rdns), isEmpty: rdns.length === 0 };
}

function nameKey(rdns: NameAttribute[][]): string {
  // Attributes inside one RDN form a set: order them so the key ignores encoding order.
  return JSON.stringify(rdns.map((rdn) => rdn.map((a) => `${a.oid}=${a.normalized}`).sort()));
}

/** True when `prefix` is an initial sequence of RDNs of `name` (directoryName constraints). */
export function nameHasPrefix(name: DistinguishedName, prefix: DistinguishedName): boolean {
  if (prefix.rdns.length > name.rdns.length) return false;
  return prefix.rdns.every((rdn, i) => nameKey([rdn]) === nameKey([name.rdns[i]!]));
}

/** Values of one attribute type, e.g. emailAddress for rfc822 name constraints. */
export function attributeValues(name: DistinguishedName, oid: string): string[] {
  return name.rdns
    .flat()
    .filter((a) => a.oid === oid)
    .map((a) => a.normalized);
}
