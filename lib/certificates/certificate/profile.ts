import { OID } from "../der/oids";
import { extensionLabel } from "./extensions";
import { constraintProblem, sanEntryProblem } from "./general-names";
import type { ParsedCertificate } from "./parse";

/** RFC 5280 criticality rules for the extensions whose flag is prescribed. */
const MUST_BE_NON_CRITICAL = [
  OID.authorityKeyIdentifier,
  OID.subjectKeyIdentifier,
  OID.authorityInfoAccess,
  OID.subjectInfoAccess,
  OID.freshestCrl,
  OID.subjectDirectoryAttributes,
  OID.issuerAltName,
  OID.crlDistributionPoints,
  OID.ctSctList,
];
const MUST_BE_CRITICAL = [OID.nameConstraints, OID.policyConstraints, OID.inhibitAnyPolicy, OID.policyMappings];

/**
 * RFC 5280 profile rules that a decodable certificate can still break. Each one makes the
 * certificate unusable in a path; certificates that are uploaded but not used are not judged.
 * Deliberate leniency (documented in docs/conformance-deviations.md): keyUsage may be
 * non-critical.
 */
export function profileIssues(cert: ParsedCertificate): string[] {
  const issues: string[] = [];
  const ext = cert.decoded;
  const flags = new Map(cert.extensions.map((e) => [e.oid, e.critical]));
  const isCa = ext.basicConstraints?.ca === true;

  if (cert.version !== 3) issues.push(`it is an X.509 version ${cert.version} certificate; only version 3 is accepted`);

  if (cert.issuer.isEmpty) issues.push("its issuer name is empty");
  if (isCa && cert.subject.isEmpty) issues.push("it is a CA certificate with an empty subject name");

  for (const oid of MUST_BE_NON_CRITICAL)
    if (flags.get(oid) === true)
      issues.push(`its ${extensionLabel(oid)} extension is marked critical, which RFC 5280 forbids`);
  for (const oid of MUST_BE_CRITICAL)
    if (flags.get(oid) === false)
      issues.push(`its ${extensionLabel(oid)} extension is not marked critical, as RFC 5280 requires`);

  // Key identifiers: RFC 5280 4.2.1.1 / 4.2.1.2 — needed to build paths unambiguously.
  if (ext.authorityKeyId && !ext.authorityKeyId.keyId) issues.push("its authorityKeyIdentifier has no keyIdentifier");
  if (isCa && !ext.subjectKeyId) issues.push("it is a CA certificate without a subjectKeyIdentifier extension");

  // basicConstraints / keyUsage consistency (RFC 5280 4.2.1.3 and 4.2.1.9).
  if (isCa && flags.get(OID.basicConstraints) === false)
    issues.push("its basicConstraints extension is not marked critical, as RFC 5280 requires for CA certificates");
  if (ext.basicConstraints?.pathLen !== undefined && !isCa)
    issues.push("it sets a path length constraint without being a CA");
  if (ext.keyUsage?.size === 0) issues.push("its keyUsage extension lists no usage");
  if (ext.basicConstraints?.pathLen !== undefined && ext.keyUsage && !ext.keyUsage.has("keyCertSign")) {
    issues.push("it sets a path length constraint but its keyUsage does not allow certificate signing");
  }
  if (ext.nameConstraints) {
    if (!isCa) issues.push("it carries name constraints without being a CA");
    for (const base of [...ext.nameConstraints.permitted, ...ext.nameConstraints.excluded]) {
      const problem = constraintProblem(base);
      if (problem) issues.push(`its nameConstraints contain ${problem}`);
    }
  }

  // subjectAltName (RFC 5280 4.2.1.6).
  const sanCritical = flags.get(OID.subjectAltName);
  if (cert.subject.isEmpty && sanCritical !== true)
    issues.push("its subject is empty but it has no critical subjectAltName extension");
  if (!cert.subject.isEmpty && sanCritical === true)
    issues.push("its subjectAltName extension is critical although the subject is not empty");
  for (const name of ext.subjectAltNames ?? []) {
    const problem = sanEntryProblem(name);
    if (problem) issues.push(`in its subjectAltName, ${problem}`);
  }

  if (flags.get(OID.extKeyUsage) === true && ext.extKeyUsage?.includes(OID.anyExtendedKeyUsage)) {
    issues.push("its extended key usage is critical yet includes anyExtendedKeyUsage");
  }
  issues.push(...ext.policyIssues);
  return issues;
}

/**
 * Rules about how a certificate was issued: they matter for certificates whose issuer is
 * checked, not for a trust anchor, which is trusted as configured (old roots with serial
 * number 0 are still in every trust store).
 */
export function issuanceIssues(cert: ParsedCertificate): string[] {
  const issues: string[] = [];
  const magnitude = cert.serial[0] === 0 ? cert.serial.subarray(1) : cert.serial;
  if (cert.serial[0]! >= 0x80) issues.push("its serial number is negative");
  else if (magnitude.length === 0 || magnitude.every((b) => b === 0)) issues.push("its serial number is zero");
  else if (magnitude.length > 20) issues.push("its serial number is longer than 20 bytes");
  // RFC 5280 4.2.1.1: only a self-signed certificate may omit the authority key identifier.
  if (!cert.decoded.authorityKeyId && !cert.selfIssued) issues.push("it has no authorityKeyIdentifier extension");
  return issues;
}
