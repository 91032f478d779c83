import {
  DerCursor,
  DerError,
  DerNode,
  Tag,
  readBoolean,
  readIntegerBytes,
  readNamedBits,
  readOctetString,
  readOid,
  readSingle,
  readSmallInteger,
} from "../der/reader";
import { OID } from "../der/oids";
import { decodeString } from "../der/strings";
import { type GeneralName, parseGeneralName, parseGeneralNames, sanEntryProblem } from "./general-names";

export interface RawExtension {
  oid: string;
  critical: boolean;
  value: Uint8Array;
}

export const KEY_USAGE_NAMES = [
  "digitalSignature",
  "nonRepudiation",
  "keyEncipherment",
  "dataEncipherment",
  "keyAgreement",
  "keyCertSign",
  "cRLSign",
  "encipherOnly",
  "decipherOnly",
] as const;
export type KeyUsageName = (typeof KEY_USAGE_NAMES)[number];

export interface AuthorityKeyId {
  keyId?: Uint8Array;
  hasIssuerAndSerial: boolean;
  /** authorityCertSerialNumber: the serial number of the issuer's own certificate. */
  issuerSerial?: Uint8Array;
}

export interface NameConstraints {
  permitted: GeneralName[];
  excluded: GeneralName[];
}

/** The extensions we interpret. Everything else is only looked at for its critical flag. */
export interface DecodedExtensions {
  basicConstraints?: { ca: boolean; pathLen?: number };
  keyUsage?: Set<KeyUsageName>;
  extKeyUsage?: string[];
  subjectKeyId?: Uint8Array;
  authorityKeyId?: AuthorityKeyId;
  subjectAltNames?: GeneralName[];
  nameConstraints?: NameConstraints;
  /** Problems in the policy extensions we parse but do not otherwise process. */
  policyIssues: string[];
}

/** Extension, a short label for messages, and its decoder (throws DerError when malformed). */
const DECODERS: Record<string, { label: string; decode: (value: DerNode, into: DecodedExtensions) => void }> = {
  [OID.basicConstraints]: { label: "basicConstraints", decode: decodeBasicConstraints },
  [OID.keyUsage]: { label: "keyUsage", decode: decodeKeyUsage },
  [OID.extKeyUsage]: {
    label: "extendedKeyUsage",
    decode: (v, into) => {
      const oids = sequenceOf(v).map((n) => readOid(n));
      into.extKeyUsage = oids;
    },
  },
  [OID.subjectKeyIdentifier]: {
    label: "subjectKeyIdentifier",
    decode: (v, into) => {
      into.subjectKeyId = readOctetString(v);
    },
  },
  [OID.authorityKeyIdentifier]: { label: "authorityKeyIdentifier", decode: decodeAuthorityKeyId },
  [OID.subjectAltName]: {
    label: "subjectAltName",
    decode: (v, into) => {
      into.subjectAltNames = parseSequenceOfNames(v);
    },
  },
  [OID.issuerAltName]: { label: "issuerAltName", decode: (v) => void parseSequenceOfNames(v) },
  [OID.nameConstraints]: { label: "nameConstraints", decode: decodeNameConstraints },
  [OID.certificatePolicies]: { label: "certificatePolicies", decode: decodeCertificatePolicies },
  [OID.policyMappings]: { label: "policyMappings", decode: decodePolicyMappings },
  [OID.policyConstraints]: { label: "policyConstraints", decode: decodePolicyConstraints },
  [OID.inhibitAnyPolicy]: { label: "inhibitAnyPolicy", decode: (v) => void readSmallInteger(v) },
  [OID.crlDistributionPoints]: { label: "cRLDistributionPoints", decode: decodeDistributionPoints },
  [OID.freshestCrl]: { label: "freshestCRL", decode: decodeDistributionPoints },
  [OID.authorityInfoAccess]: { label: "authorityInfoAccess", decode: decodeAccessDescriptions },
  [OID.subjectInfoAccess]: { label: "subjectInfoAccess", decode: decodeAccessDescriptions },
  [OID.subjectDirectoryAttributes]: { label: "subjectDirectoryAttributes", decode: decodeDirectoryAttributes },
  [OID.ctSctList]: { label: "signedCertificateTimestampList", decode: decodeSctList },
};

export function extensionLabel(oid: string): string {
  return DECODERS[oid]?.label ?? oid;
}

export function isKnownExtension(oid: string): boolean {
  return oid in DECODERS;
}

export function decodeExtensions(extensions: RawExtension[]): DecodedExtensions {
  const into: DecodedExtensions = { policyIssues: [] };
  for (const ext of extensions) {
    const decoder = DECODERS[ext.oid];
    if (!decoder) continue;
    try {
      decoder.decode(readSingle(ext.value), into);
    } catch (error) {
      const detail = error instanceof DerError ? error.message : "cannot be decoded";
      throw new DerError(`the ${decoder.label} extension is malformed: ${detail}`);
    }
  }
  return into;
}

function sequenceOf(node: DerNode): DerNode[] {
  if (node.tag !== Tag.sequence) throw new DerError("expected a SEQUENCE");
  const items = node.children();
  if (items.length === 0) throw new DerError("must not be empty");
  return items;
}

function parseSequenceOfNames(node: DerNode): GeneralName[] {
  if (node.tag !== Tag.sequence) throw new DerError("expected a SEQUENCE");
  return parseGeneralNames(node);
}

function decodeBasicConstraints(node: DerNode, into: DecodedExtensions): void {
  if (node.tag !== Tag.sequence) throw new DerError("expected a SEQUENCE");
  const fields = new DerCursor(node.children());
  const caField = fields.optional(Tag.boolean);
  const ca = caField ? readBoolean(caField) : false;
  if (caField && !ca) throw new DerError("cA=FALSE must be omitted in DER (it is the default)");
  const pathLenField = fields.optional(Tag.integer);
  fields.done("basicConstraints");
  into.basicConstraints = { ca, pathLen: pathLenField ? readSmallInteger(pathLenField) : undefined };
}

function decodeKeyUsage(node: DerNode, into: DecodedExtensions): void {
  const bits = readNamedBits(node);
  if (bits.bytes.length > 2 || (bits.bytes.length === 2 && (bits.bytes[1]! & 0x7f) !== 0)) {
    throw new DerError("has bits beyond decipherOnly");
  }
  const usages = new Set<KeyUsageName>();
  KEY_USAGE_NAMES.forEach((name, i) => {
    const byte = bits.bytes[i >> 3] ?? 0;
    if (byte & (0x80 >> (i & 7))) usages.add(name);
  });
  into.keyUsage = usages;
}

function decodeAuthorityKeyId(node: DerNode, into: DecodedExtensions): void {
  if (node.tag !== Tag.sequence) throw new DerError("expected a SEQUENCE");
  const fields = new DerCursor(node.children());
  const keyId = fields.optional(0x80);
  const issuer = fields.optional(0xa1);
  const serial = fields.optional(0x82);
  fields.done("authorityKeyIdentifier");
  if (!!issuer !== !!serial)
    throw new DerError("authorityCertIssuer and authorityCertSerialNumber must appear together");
  for (const name of issuer ? parseGeneralNames(issuer) : []) {
    const problem = sanEntryProblem(name);
    if (problem) throw new DerError(`in authorityCertIssuer, ${problem}`);
  }
  into.authorityKeyId = {
    keyId: keyId?.value,
    hasIssuerAndSerial: !!issuer,
    issuerSerial: serial ? readIntegerBytes(serial, 0x82) : undefined,
  };
}

function decodeNameConstraints(node: DerNode, into: DecodedExtensions): void {
  if (node.tag !== Tag.sequence) throw new DerError("expected a SEQUENCE");
  const fields = new DerCursor(node.children());
  const permittedField = fields.optional(0xa0);
  const excludedField = fields.optional(0xa1);
  fields.done("nameConstraints");
  if (!permittedField && !excludedField) throw new DerError("has neither permitted nor excluded subtrees");
  into.nameConstraints = {
    permitted: permittedField ? decodeSubtrees(permittedField) : [],
    excluded: excludedField ? decodeSubtrees(excludedField) : [],
  };
}

function decodeSubtrees(node: DerNode): GeneralName[] {
  const subtrees = node.children();
  if (subtrees.length === 0) throw new DerError("has an empty list of subtrees");
  return subtrees.map((subtree) => {
    if (subtree.tag !== Tag.sequence) throw new DerError("subtree is not a SEQUENCE");
    const [base, ...rest] = subtree.children();
    if (!base) throw new DerError("subtree without a base name");
    // RFC 5280 4.2.1.10: minimum MUST be zero (so absent in DER) and maximum MUST be absent.
    if (rest.length > 0) throw new DerError("uses minimum/maximum, which RFC 5280 forbids");
    return parseGeneralName(base);
  });
}

function decodeCertificatePolicies(node: DerNode, into: DecodedExtensions): void {
  const seen = new Set<string>();
  for (const info of sequenceOf(node)) {
    const fields = new DerCursor(info.children());
    const policy = readOid(fields.take(Tag.oid, "policy identifier"));
    const qualifiers = fields.optional(Tag.sequence);
    fields.done("PolicyInformation");
    if (seen.has(policy)) throw new DerError(`lists policy ${policy} twice`);
    seen.add(policy);
    if (!qualifiers) continue;
    for (const qualifier of sequenceOf(qualifiers)) {
      const [idNode, value, ...extra] = qualifier.children();
      if (!idNode || !value || extra.length) throw new DerError("malformed policy qualifier");
      const id = readOid(idNode);
      if (policy === OID.anyPolicy && id !== OID.cpsQualifier && id !== OID.userNoticeQualifier) {
        throw new DerError("anyPolicy may only carry CPS or user-notice qualifiers");
      }
      if (id === OID.userNoticeQualifier) checkUserNotice(value, into);
    }
  }
}

function checkUserNotice(node: DerNode, into: DecodedExtensions): void {
  if (node.tag !== Tag.sequence) throw new DerError("userNotice is not a SEQUENCE");
  const fields = new DerCursor(node.children());
  fields.optional(Tag.sequence); // noticeRef
  const text = fields.peek();
  if (text) {
    fields.next("explicitText");
    // RFC 6818 amends 5280: explicitText is UTF8String or IA5String, never Visible/BMPString.
    if (text.tag !== Tag.utf8String && text.tag !== Tag.ia5String) {
      into.policyIssues.push("a user notice uses VisibleString or BMPString, which RFC 6818 forbids");
    }
    const s = decodeString(text);
    if (s.length > 200) throw new DerError("explicitText is longer than 200 characters");
    if (/[\u0000-\u001f\u007f-\u009f]/.test(s)) into.policyIssues.push("a user notice contains control characters");
  }
  fields.done("userNotice");
}

function decodePolicyMappings(node: DerNode): void {
  for (const mapping of sequenceOf(node)) {
    const fields = new DerCursor(mapping.children());
    const from = readOid(fields.take(Tag.oid, "issuerDomainPolicy"));
    const to = readOid(fields.take(Tag.oid, "subjectDomainPolicy"));
    fields.done("policy mapping");
    if (from === OID.anyPolicy || to === OID.anyPolicy) throw new DerError("maps to or from anyPolicy");
  }
}

function decodePolicyConstraints(node: DerNode): void {
  if (node.tag !== Tag.sequence) throw new DerError("expected a SEQUENCE");
  const fields = new DerCursor(node.children());
  const require = fields.optional(0x80);
  const inhibit = fields.optional(0x81);
  fields.done("policyConstraints");
  if (!require && !inhibit) throw new DerError("is empty");
  if (require) readSmallInteger(require, 0x80);
  if (inhibit) readSmallInteger(inhibit, 0x81);
}

function decodeDistributionPoints(node: DerNode): void {
  for (const point of sequenceOf(node)) {
    if (point.tag !== Tag.sequence) throw new DerError("distribution point is not a SEQUENCE");
    const fields = new DerCursor(point.children());
    const name = fields.optional(0xa0);
    fields.optional(0x81); // reasons
    const crlIssuer = fields.optional(0xa2);
    fields.done("DistributionPoint");
    if (!name && !crlIssuer) throw new DerError("a distribution point has neither a name nor a CRL issuer");
  }
}

function decodeAccessDescriptions(node: DerNode): void {
  for (const description of sequenceOf(node)) {
    const fields = new DerCursor(description.children());
    readOid(fields.take(Tag.oid, "access method"));
    parseGeneralName(fields.next("access location"));
    fields.done("AccessDescription");
  }
}

function decodeDirectoryAttributes(node: DerNode): void {
  for (const attribute of sequenceOf(node)) {
    const fields = new DerCursor(attribute.children());
    readOid(fields.take(Tag.oid, "attribute type"));
    if (fields.take(Tag.set, "attribute values").children().length === 0)
      throw new DerError("attribute without values");
    fields.done("Attribute");
  }
}

/** RFC 6962 3.3: an OCTET STRING holding a TLS-encoded SignedCertificateTimestampList. */
function decodeSctList(node: DerNode): void {
  const list = readOctetString(node);
  if (list.length < 2 || ((list[0]! << 8) | list[1]!) !== list.length - 2)
    throw new DerError("list length does not match");
  let offset = 2;
  while (offset < list.length) {
    if (offset + 2 > list.length) throw new DerError("truncated entry");
    const length = (list[offset]! << 8) | list[offset + 1]!;
    offset += 2 + length;
  }
  if (offset !== list.length) throw new DerError("entry runs past the end of the list");
}
