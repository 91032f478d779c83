import { OID } from "../der/oids";
import type { NameConstraints } from "../certificate/extensions";
import { type GeneralName, uriHost } from "../certificate/general-names";
import { attributeValues, nameHasPrefix } from "../certificate/name";
import type { ParsedCertificate } from "../certificate/parse";

/** Bound on (names x constraints) per path: quadratic blow-ups are refused, not computed. */
const MAX_COMPARISONS = 1 << 16;

const SUPPORTED = new Set<GeneralName["kind"]>(["dns", "email", "uri", "ip", "dn"]);

/**
 * RFC 5280 4.2.1.10 / 6.1.3 (b)-(c): every name of every later certificate must lie inside
 * the permitted subtrees and outside the excluded subtrees of every CA above it.
 * Self-issued intermediates are exempt; the leaf never is. Name forms we do not
 * interpret (otherName, x400, ediParty, registeredID) reject the path when a constraint
 * and a name of that form meet. Returns a reason, or undefined when the path complies.
 * `path` is leaf first, anchor last.
 */
export function nameConstraintViolation(path: ParsedCertificate[]): string | undefined {
  let comparisons = 0;
  for (let caIndex = path.length - 1; caIndex >= 1; caIndex--) {
    const constraints = path[caIndex]!.decoded.nameConstraints;
    if (!constraints) continue;
    const size = constraints.permitted.length + constraints.excluded.length;
    for (let i = caIndex - 1; i >= 0; i--) {
      const cert = path[i]!;
      if (i > 0 && cert.selfIssued) continue;
      const names = namesOf(cert);
      comparisons += names.length * size;
      if (comparisons > MAX_COMPARISONS) return "the name constraints are too large to evaluate";
      for (const name of names) {
        const reason = violation(name, constraints);
        if (reason)
          return `${describe(name)} in "${cert.subjectText}" ${reason} set by "${path[caIndex]!.subjectText}"`;
      }
    }
  }
  return undefined;
}

function namesOf(cert: ParsedCertificate): GeneralName[] {
  const names: GeneralName[] = [...(cert.decoded.subjectAltNames ?? [])];
  if (!cert.subject.isEmpty) names.push({ kind: "dn", name: cert.subject });
  // Legacy e-mail addresses in the subject are constrained like rfc822Name (RFC 5280 4.2.1.10).
  for (const email of attributeValues(cert.subject, OID.emailAddress)) names.push({ kind: "email", value: email });
  return names;
}

function violation(name: GeneralName, constraints: NameConstraints): string | undefined {
  const sameKind = (list: GeneralName[]) => list.filter((c) => c.kind === name.kind);
  const permitted = sameKind(constraints.permitted);
  const excluded = sameKind(constraints.excluded);
  if (!SUPPORTED.has(name.kind)) {
    return permitted.length || excluded.length ? "uses a name form whose constraints cannot be checked," : undefined;
  }
  if (excluded.some((c) => matches(name, c, "excluded"))) return "is excluded by the name constraints";
  if (permitted.length && !permitted.some((c) => matches(name, c, "permitted")))
    return "is outside the permitted names";
  return undefined;
}

function matches(name: GeneralName, constraint: GeneralName, mode: "permitted" | "excluded"): boolean {
  if (name.kind === "dns" && constraint.kind === "dns")
    return dnsMatches(name.value.toLowerCase(), constraint.value.toLowerCase(), mode);
  if (name.kind === "email" && constraint.kind === "email") return emailMatches(name.value, constraint.value);
  if (name.kind === "uri" && constraint.kind === "uri") {
    const host = uriHost(name.value);
    // A URI without a host cannot be shown to be inside a subtree: treat it as matching an
    // exclusion and failing a permission.
    return host === undefined ? mode === "excluded" : hostMatches(host, constraint.value.toLowerCase());
  }
  if (name.kind === "ip" && constraint.kind === "ip") return ipMatches(name.bytes, constraint.bytes);
  if (name.kind === "dn" && constraint.kind === "dn") return nameHasPrefix(name.name, constraint.name);
  return false;
}

function inSubtree(name: string, constraint: string): boolean {
  return constraint === "" || name === constraint || name.endsWith(`.${constraint}`);
}

/**
 * A wildcard SAN "*.d" stands for every one-label child of d. For a permission all of them
 * must be inside; for an exclusion any overlap counts (CVE-2025-61727).
 */
function dnsMatches(name: string, constraint: string, mode: "permitted" | "excluded"): boolean {
  if (!name.startsWith("*.")) return inSubtree(name, constraint);
  const base = name.slice(2);
  if (inSubtree(base, constraint)) return true;
  if (mode === "permitted") return false;
  return constraint.endsWith(`.${base}`) && !constraint.slice(0, -(base.length + 1)).includes(".");
}

function emailMatches(address: string, constraint: string): boolean {
  const at = address.lastIndexOf("@");
  const host = address.slice(at + 1).toLowerCase();
  if (constraint.includes("@")) {
    const cAt = constraint.lastIndexOf("@");
    return address.slice(0, at) === constraint.slice(0, cAt) && host === constraint.slice(cAt + 1).toLowerCase();
  }
  return hostMatches(host, constraint.toLowerCase());
}

/** "example.com" means exactly that host; ".example.com" means any host below it. */
function hostMatches(host: string, constraint: string): boolean {
  return constraint.startsWith(".") ? host.endsWith(constraint) : host === constraint;
}

function ipMatches(address: Uint8Array, constraint: Uint8Array): boolean {
  if (constraint.length !== address.length * 2) return false;
  for (let i = 0; i < address.length; i++) {
    const mask = constraint[address.length + i]!;
    if ((address[i]! & mask) !== (constraint[i]! & mask)) return false;
  }
  return true;
}

function describe(name: GeneralName): string {
  switch (name.kind) {
    case "dns":
      return `The DNS name "${name.value}"`;
    case "email":
      return `The e-mail address "${name.value}"`;
    case "uri":
      return `The URI "${name.value}"`;
    case "ip":
      return "An IP address";
    case "dn":
      return "The directory name";
    default:
      return `A name of type ${name.kind}`;
  }
}
