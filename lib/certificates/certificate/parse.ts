import "reflect-metadata";
import { createHash } from "node:crypto";
import { X509Certificate } from "@peculiar/x509";
import {
  DerCursor,
  DerError,
  type DerNode,
  Tag,
  bytesEqual,
  readBitString,
  readBoolean,
  readIntegerBytes,
  readNode,
  readOctetString,
  readOid,
  readSingle,
  readSmallInteger,
  toHex,
} from "../der/reader";
import { readTime } from "../der/time";
import { type DecodedExtensions, type RawExtension, decodeExtensions } from "./extensions";
import { type DistinguishedName, parseName } from "./name";
import { type PublicKeyInfo, parsePublicKeyInfo } from "./public-key";
import { type SignatureAlgorithm, parseSignatureAlgorithm } from "./signature-algorithm";
import { profileIssues } from "./profile";

/** Everything the validator needs from one certificate, decoded once and strictly. */
export interface ParsedCertificate {
  der: Uint8Array;
  /** The signed part (TBSCertificate), exactly as encoded. */
  tbs: Uint8Array;
  sha256: string;
  sha1: string;
  version: 1 | 2 | 3;
  /** Two's-complement content octets of the serial number. */
  serial: Uint8Array;
  serialHex: string;
  signatureAlgorithm: SignatureAlgorithm;
  signature: Uint8Array;
  issuer: DistinguishedName;
  subject: DistinguishedName;
  /** Display forms, as @peculiar/x509 renders them (the rest of the app uses that library). */
  issuerText: string;
  subjectText: string;
  notBefore: Date;
  notAfter: Date;
  publicKey: PublicKeyInfo;
  extensions: RawExtension[];
  decoded: DecodedExtensions;
  /** Subject and issuer names are equal (RFC 5280 "self-issued"). */
  selfIssued: boolean;
  /** RFC 5280 profile violations that do not stop decoding; they disqualify the certificate from a path. */
  issues: string[];
}

export type ParseResult =
  | { ok: true; certificate: ParsedCertificate }
  | { ok: false; code: "UNPARSEABLE" | "MALFORMED_CERTIFICATE" | "DUPLICATE_EXTENSION"; message: string };

/** Parses one DER certificate; never throws. */
export function parseCertificate(der: Uint8Array): ParseResult {
  let outer;
  try {
    outer = readNode(der, 0, der.length);
    if (outer.tag !== Tag.sequence) throw new DerError("not a SEQUENCE");
    const parts = outer.children();
    if (
      parts.length !== 3 ||
      parts[0]!.tag !== Tag.sequence ||
      parts[1]!.tag !== Tag.sequence ||
      parts[2]!.tag !== Tag.bitString
    ) {
      throw new DerError("not a certificate");
    }
  } catch (error) {
    return { ok: false, code: "UNPARSEABLE", message: `This is not an X.509 certificate (${detail(error)}).` };
  }
  if (outer.end !== der.length) {
    return { ok: false, code: "MALFORMED_CERTIFICATE", message: "The certificate has extra data after its end." };
  }
  try {
    return { ok: true, certificate: decodeCertificate(der) };
  } catch (error) {
    if (error instanceof DuplicateExtensionError)
      return { ok: false, code: "DUPLICATE_EXTENSION", message: error.message };
    return { ok: false, code: "MALFORMED_CERTIFICATE", message: `The certificate is malformed: ${detail(error)}.` };
  }
}

class DuplicateExtensionError extends Error {}

function detail(error: unknown): string {
  return error instanceof DerError ? error.message : "it cannot be decoded";
}

function decodeCertificate(bytes: Uint8Array): ParsedCertificate {
  const der = new Uint8Array(bytes); // own copy: callers may reuse their buffer
  const [tbsNode, outerAlgorithm, signatureNode] = readSingle(der).children() as [DerNode, DerNode, DerNode];
  const signatureBits = readBitString(signatureNode);
  if (signatureBits.unusedBits !== 0) throw new DerError("signature has padding bits");

  const tbs = new DerCursor(tbsNode.children());
  const versionField = tbs.optional(0xa0);
  let version: 1 | 2 | 3 = 1;
  if (versionField) {
    const inner = versionField.children();
    if (inner.length !== 1) throw new DerError("malformed version");
    const v = readSmallInteger(inner[0]!);
    if (v === 0) throw new DerError("version 1 must not be encoded explicitly in DER");
    if (v > 2) throw new DerError("unknown certificate version");
    version = (v + 1) as 2 | 3;
  }
  const serial = readIntegerBytes(tbs.take(Tag.integer, "serial number"));
  const innerAlgorithm = tbs.take(Tag.sequence, "signature algorithm");
  if (!bytesEqual(innerAlgorithm.encoded, outerAlgorithm.encoded)) {
    throw new DerError("the signature algorithm inside the certificate differs from the one outside");
  }
  const signatureAlgorithm = parseSignatureAlgorithm(innerAlgorithm);
  const issuer = parseName(tbs.take(Tag.sequence, "issuer"));
  const validity = new DerCursor(tbs.take(Tag.sequence, "validity").children());
  const notBefore = readTime(validity.next("notBefore"));
  const notAfter = readTime(validity.next("notAfter"));
  validity.done("validity");
  const subject = parseName(tbs.take(Tag.sequence, "subject"));
  const publicKey = parsePublicKeyInfo(tbs.take(Tag.sequence, "subject public key info"));
  for (const uniqueIdTag of [0x81, 0x82]) {
    const uniqueId = tbs.optional(uniqueIdTag);
    if (!uniqueId) continue;
    if (version === 1) throw new DerError("unique identifiers require version 2 or 3");
    readBitString(uniqueId, uniqueIdTag);
  }
  const extensionsField = tbs.optional(0xa3);
  tbs.done("TBSCertificate");
  const extensions = extensionsField ? readExtensions(extensionsField, version) : [];
  const decoded = decodeExtensions(extensions);
  const { issuerText, subjectText } = readWithPeculiar(der);

  const certificate: ParsedCertificate = {
    der,
    tbs: tbsNode.encoded,
    sha256: createHash("sha256").update(der).digest("hex"),
    sha1: createHash("sha1").update(der).digest("hex"),
    version,
    serial,
    serialHex: toHex(serial),
    signatureAlgorithm,
    signature: signatureBits.bytes,
    issuer,
    subject,
    issuerText,
    subjectText,
    notBefore,
    notAfter,
    publicKey,
    extensions,
    decoded,
    selfIssued: issuer.key === subject.key,
    issues: [],
  };
  certificate.issues = profileIssues(certificate);
  return certificate;
}

function readExtensions(field: DerNode, version: number): RawExtension[] {
  if (version !== 3) throw new DerError("extensions require version 3");
  const inner = field.children();
  if (inner.length !== 1 || inner[0]!.tag !== Tag.sequence) throw new DerError("malformed extensions");
  const items = inner[0]!.children();
  if (items.length === 0) throw new DerError("empty extensions list");
  const seen = new Set<string>();
  return items.map((item) => {
    if (item.tag !== Tag.sequence) throw new DerError("extension is not a SEQUENCE");
    const fields = new DerCursor(item.children());
    const oid = readOid(fields.take(Tag.oid, "extension identifier"));
    const criticalField = fields.optional(Tag.boolean);
    const critical = criticalField ? readBoolean(criticalField) : false;
    if (criticalField && !critical) throw new DerError("critical=FALSE must be omitted in DER (it is the default)");
    const value = readOctetString(fields.take(Tag.octetString, "extension value"));
    fields.done("extension");
    if (seen.has(oid))
      throw new DuplicateExtensionError(
        `The certificate contains the extension ${oid} more than once, which RFC 5280 forbids.`,
      );
    seen.add(oid);
    return { oid, critical, value };
  });
}

/**
 * Cross-check with @peculiar/x509, which the rest of the app uses to read stored
 * certificates. Its parsing is lazy, so every field is touched here, inside the caller's
 * try/catch: a certificate it cannot read is rejected now rather than failing later.
 */
function readWithPeculiar(der: Uint8Array<ArrayBuffer>): { issuerText: string; subjectText: string } {
  try {
    const cert = new X509Certificate(der);
    void cert.serialNumber;
    void cert.notBefore;
    void cert.notAfter;
    void cert.signatureAlgorithm;
    void cert.publicKey.algorithm;
    for (const ext of cert.extensions) void ext.type;
    return { issuerText: cert.issuer, subjectText: cert.subject };
  } catch {
    throw new DerError("@peculiar/x509 cannot read it");
  }
}
