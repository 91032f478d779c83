import { OID, EKU_NAMES } from "../der/oids";
import { bytesEqual } from "../der/reader";
import { isKnownExtension } from "../certificate/extensions";
import type { ParsedCertificate } from "../certificate/parse";
import { issuanceIssues } from "../certificate/profile";
import { importPublicKey, keyWeakness } from "../certificate/public-key";
import type { FindingCode } from "../findings";
import type { PathOptions, PathPosition } from "./types";
import { validityState } from "./validity";

export interface CertificateProblem {
  code: FindingCode;
  message: string;
}

const NOUN: Record<PathPosition, string> = {
  leaf: "client certificate",
  intermediate: "intermediate certificate",
  anchor: "root certificate",
};

/**
 * Everything about one certificate that depends only on where it sits in a path
 * (leaf, intermediate or trust anchor), not on its neighbours.
 */
export function certificateProblems(
  cert: ParsedCertificate,
  position: PathPosition,
  options: PathOptions,
): CertificateProblem[] {
  const problems: CertificateProblem[] = [];
  const noun = position === "leaf" && options.leafNoun ? options.leafNoun : NOUN[position];
  const add = (code: FindingCode, message: string) => problems.push({ code, message });
  const ext = cert.decoded;
  const isCa = ext.basicConstraints?.ca === true;

  const issues = position === "anchor" ? cert.issues : [...cert.issues, ...issuanceIssues(cert)];
  for (const issue of issues) add("NONCONFORMING_CERTIFICATE", `The ${noun} does not follow RFC 5280: ${issue}.`);
  for (const e of cert.extensions) {
    if (e.critical && !isKnownExtension(e.oid)) {
      add(
        "UNKNOWN_CRITICAL_EXTENSION",
        `The ${noun} has a critical extension (${e.oid}) that this checker does not understand, so it must be refused.`,
      );
    }
  }

  const state = validityState(cert.notBefore, cert.notAfter, options.time);
  if (state !== "valid") add(validityCode(position, state), validityMessage(noun, state, cert));

  const weakness = keyWeakness(cert.publicKey);
  if (weakness) add(weakness.code, `The ${noun} has a weak or unsupported key: ${weakness.reason}.`);
  else if (!importPublicKey(cert.publicKey))
    add("MALFORMED_CERTIFICATE", `The ${noun}'s public key is not a valid key.`);

  // An anchor's own signature is not part of the trust decision (RFC 5280 6.1).
  if (position !== "anchor" && cert.signatureAlgorithm.weak) {
    add(
      "WEAK_SIGNATURE_ALGORITHM",
      `The ${noun} is signed with ${cert.signatureAlgorithm.name}, which is no longer safe (MD5 and SHA-1 signatures can be forged).`,
    );
  }

  if (position !== "leaf" && !isCa) {
    add(
      position === "anchor" ? "ROOT_NOT_CA" : "INTERMEDIATE_NOT_CA",
      `The ${noun} is not a CA certificate (basicConstraints cA is not set), so it cannot sign other certificates.`,
    );
  }
  // RFC 5280 4.2.1.3 / 4.2.1.9: keyCertSign and cA go together.
  if (ext.keyUsage) {
    const certSign = ext.keyUsage.has("keyCertSign");
    if (isCa && !certSign)
      add(
        "KEY_USAGE_MISMATCH",
        `The ${noun} is a CA but its key usage does not include certificate signing (keyCertSign).`,
      );
    if (!isCa && certSign)
      add(
        "KEY_USAGE_MISMATCH",
        `The ${noun} allows certificate signing (keyCertSign) in its key usage but is not a CA.`,
      );
    if (position === "leaf") {
      const missing = (options.requiredLeafKeyUsage ?? []).filter((u) => !ext.keyUsage!.has(u));
      if (missing.length)
        add(
          "KEY_USAGE_MISMATCH",
          `The ${noun}'s key usage lacks ${missing.join(", ")}, which a TLS ${position === "leaf" ? noun : "client certificate"} needs.`,
        );
    }
  }

  const eku = options.requiredEku;
  if (eku) {
    const purpose = EKU_NAMES[eku] ?? eku;
    const code: FindingCode =
      eku === OID.clientAuth
        ? "EKU_NO_CLIENT_AUTH"
        : eku === OID.serverAuth
          ? "EKU_NO_SERVER_AUTH"
          : "EKU_NOT_PERMITTED";
    const listed = (ext.extKeyUsage ?? []).map((o) => EKU_NAMES[o] ?? o).join(", ");
    const critical = cert.extensions.some((e) => e.oid === OID.extKeyUsage && e.critical);
    const problem = ekuProblem(position, ext.extKeyUsage, eku, critical);
    if (problem) add(code, `The ${noun} ${problem.replace("{purpose}", purpose).replace("{listed}", listed)}.`);
  }

  if (position === "anchor" && cert.selfIssued && ext.authorityKeyId) {
    // A self-signed root names itself: any authority key identifier must be its own key id.
    const aki = ext.authorityKeyId;
    if (aki.hasIssuerAndSerial || !aki.keyId || !ext.subjectKeyId || !bytesEqual(aki.keyId, ext.subjectKeyId)) {
      add(
        "NONCONFORMING_CERTIFICATE",
        `The ${noun}'s authorityKeyIdentifier does not simply repeat its own subjectKeyIdentifier.`,
      );
    }
  }
  return problems;
}

function validityCode(position: PathPosition, state: "expired" | "not-yet-valid"): FindingCode {
  const prefix = position === "leaf" ? "LEAF" : position === "anchor" ? "ROOT" : "INTERMEDIATE";
  return `${prefix}_${state === "expired" ? "EXPIRED" : "NOT_YET_VALID"}` as FindingCode;
}

function validityMessage(noun: string, state: "expired" | "not-yet-valid", cert: ParsedCertificate): string {
  return state === "expired"
    ? `The ${noun} expired on ${cert.notAfter.toISOString()}.`
    : `The ${noun} is not valid before ${cert.notBefore.toISOString()}.`;
}

/**
 * Extended key usage when a purpose is required. The leaf must name the purpose itself:
 * no missing extension, no anyExtendedKeyUsage, not critical (CA/B Forum rules, applied
 * here to client certificates too: the issuing CA must state what the certificate is for).
 * An intermediate may restrict purposes (then it must include this one or "any"); a root
 * must not restrict at all.
 */
function ekuProblem(
  position: PathPosition,
  ekus: string[] | undefined,
  required: string,
  critical: boolean,
): string | undefined {
  if (position === "leaf") {
    if (!ekus) return "has no extended key usage extension; it must list {purpose}";
    if (ekus.includes(OID.anyExtendedKeyUsage))
      return "lists anyExtendedKeyUsage; it must list only specific purposes such as {purpose}";
    if (!ekus.includes(required)) return "has an extended key usage ({listed}) that does not include {purpose}";
    if (critical) return "marks its extended key usage critical, which is not allowed for {purpose} certificates";
    return undefined;
  }
  if (!ekus) return undefined;
  if (position === "anchor")
    return "carries an extended key usage extension ({listed}); a root certificate must not restrict purposes";
  if (ekus.includes(required) || ekus.includes(OID.anyExtendedKeyUsage)) return undefined;
  return "restricts its extended key usage to {listed}, which excludes {purpose}";
}
