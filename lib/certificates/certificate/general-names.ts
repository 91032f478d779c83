import { DerError, DerNode, readOid } from "../der/reader";
import { readIa5 } from "../der/strings";
import { DistinguishedName, parseName } from "./name";

/** The GeneralName forms; the ones we never interpret are kept only as a kind. */
export type GeneralName =
  | { kind: "dns"; value: string }
  | { kind: "email"; value: string }
  | { kind: "uri"; value: string }
  | { kind: "ip"; bytes: Uint8Array }
  | { kind: "dn"; name: DistinguishedName }
  | { kind: "other"; typeId: string }
  | { kind: "x400" }
  | { kind: "edi" }
  | { kind: "registeredId"; oid: string };

export function parseGeneralName(node: DerNode): GeneralName {
  if (node.tagClass !== 2) throw new DerError("GeneralName has an unexpected tag");
  switch (node.tagNumber) {
    case 0: {
      if (!node.constructed) throw new DerError("otherName must be constructed");
      const parts = node.children();
      const typeNode = parts[0];
      if (!typeNode || parts.length !== 2 || !parts[1]!.isContext(0)) throw new DerError("malformed otherName");
      return { kind: "other", typeId: readOid(typeNode) };
    }
    case 1:
      return { kind: "email", value: readPrimitiveIa5(node) };
    case 2:
      return { kind: "dns", value: readPrimitiveIa5(node) };
    case 3:
      return { kind: "x400" };
    case 4: {
      const inner = node.children();
      if (inner.length !== 1) throw new DerError("directoryName must hold exactly one Name");
      return { kind: "dn", name: parseName(inner[0]!) };
    }
    case 5:
      return { kind: "edi" };
    case 6:
      return { kind: "uri", value: readPrimitiveIa5(node) };
    case 7:
      if (node.constructed) throw new DerError("iPAddress must be primitive");
      return { kind: "ip", bytes: node.value };
    case 8:
      return { kind: "registeredId", oid: readOid(node, node.tag) };
    default:
      throw new DerError("GeneralName has an unknown tag");
  }
}

function readPrimitiveIa5(node: DerNode): string {
  if (node.constructed) throw new DerError("IA5String name must be primitive");
  return readIa5(node);
}

/** GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName */
export function parseGeneralNames(node: DerNode): GeneralName[] {
  const items = node.children();
  if (items.length === 0) throw new DerError("empty list of names");
  return items.map(parseGeneralName);
}

const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const IPV4_LIKE = /^\d+(?:\.\d+){3}$/;

/** RFC 1034 "preferred name syntax" as amended by RFC 1123; a leftmost "*" label is allowed. */
export function isValidDnsName(name: string, allowWildcard: boolean): boolean {
  if (name.length === 0 || name.length > 253) return false;
  if (IPV4_LIKE.test(name)) return false; // an address belongs in iPAddress, not dNSName
  const labels = name.split(".");
  return labels.every(
    (label, i) => LABEL.test(label) || (allowWildcard && i === 0 && label === "*" && labels.length > 2),
  );
}

export function isValidMailbox(address: string): boolean {
  const at = address.indexOf("@");
  if (at <= 0 || at !== address.lastIndexOf("@")) return false;
  const local = address.slice(0, at);
  if (!/^[\x21-\x7e]+$/.test(local)) return false;
  return isValidDnsName(address.slice(at + 1), false);
}

/** Schemes whose URIs always name a host ("scheme://host/..."). */
const HIERARCHICAL_SCHEMES = new Set(["http", "https", "ldap", "ldaps", "ftp", "ws", "wss"]);

export function isValidUri(uri: string): boolean {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):(\S+)$/.exec(uri);
  if (!m) return false;
  return !HIERARCHICAL_SCHEMES.has(m[1]!.toLowerCase()) || m[2]!.startsWith("//");
}

/**
 * Host of a URI for URI name constraints, or undefined when it has no host that is a
 * domain name (RFC 5280 4.2.1.10: such URIs must be rejected when URI constraints apply).
 */
export function uriHost(uri: string): string | undefined {
  const m = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^:/?#]*)/.exec(uri);
  const host = m?.[1]?.toLowerCase();
  return host && isValidDnsName(host, false) ? host : undefined;
}

/** Describes a SAN entry that breaks RFC 5280 4.2.1.6, or returns undefined. */
export function sanEntryProblem(name: GeneralName): string | undefined {
  switch (name.kind) {
    case "dns":
      return isValidDnsName(name.value, true) ? undefined : `the DNS name "${name.value}" is not a valid host name`;
    case "email":
      return isValidMailbox(name.value) ? undefined : `the e-mail address "${name.value}" is not a valid mailbox`;
    case "uri":
      return isValidUri(name.value) ? undefined : `the URI "${name.value}" is not an absolute URI`;
    case "ip":
      return name.bytes.length === 4 || name.bytes.length === 16
        ? undefined
        : `an IP address entry has ${name.bytes.length} bytes instead of 4 or 16`;
    default:
      return undefined;
  }
}

/** Describes a name-constraint base that RFC 5280 4.2.1.10 does not allow, or returns undefined. */
export function constraintProblem(base: GeneralName): string | undefined {
  switch (base.kind) {
    case "dns":
      // No wildcards and no leading period: "example.com" already covers every subdomain.
      return base.value === "" || isValidDnsName(base.value, false)
        ? undefined
        : `an invalid DNS constraint "${base.value}"`;
    case "email": {
      const v = base.value;
      const ok = v.includes("@") ? isValidMailbox(v) : isValidDnsName(v.startsWith(".") ? v.slice(1) : v, false);
      return ok ? undefined : `an invalid e-mail constraint "${v}"`;
    }
    case "uri": {
      const v = base.value;
      return isValidDnsName(v.startsWith(".") ? v.slice(1) : v, false) ? undefined : `an invalid URI constraint "${v}"`;
    }
    case "ip":
      return isValidIpConstraint(base.bytes)
        ? undefined
        : "an IP address constraint that is not an address with a contiguous mask";
    default:
      return undefined;
  }
}

function isValidIpConstraint(bytes: Uint8Array): boolean {
  if (bytes.length !== 8 && bytes.length !== 32) return false;
  const mask = bytes.subarray(bytes.length / 2);
  let seenZero = false;
  for (const byte of mask) {
    for (let bit = 7; bit >= 0; bit--) {
      const set = (byte >> bit) & 1;
      if (set && seenZero) return false;
      if (!set) seenZero = true;
    }
  }
  return true;
}
