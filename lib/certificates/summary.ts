import { EKU_NAMES } from "./der/oids";
import type { KeyUsageName } from "./certificate/extensions";
import type { ParsedCertificate } from "./certificate/parse";
import type { CertificateRole } from "./findings";
import { fingerprints } from "./fingerprint";
import { toPem } from "./pem";

/** What the app shows and stores about one certificate. Certificates are public: the PEM is included. */
export interface CertificateSummary {
  role: CertificateRole;
  /** Whether the certificate is part of the validated (or attempted) chain. */
  inChain: boolean;
  subject: string;
  issuer: string;
  /** Serial number, hex, upper case, no separators. */
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  /** Whole days from the check time to notAfter; negative once expired. */
  daysLeft: number;
  keyType: string;
  /** RSA modulus bits or EC/EdDSA size, when known. */
  keySize?: number;
  curve?: string;
  signatureAlgorithm: string;
  keyUsages: KeyUsageName[];
  /** Names such as "clientAuth"; unknown purposes as OIDs. */
  extendedKeyUsages: string[];
  isCA: boolean;
  selfIssued: boolean;
  fingerprints: { sha256: string; sha1: string };
  pem: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function summarize(
  cert: ParsedCertificate,
  role: CertificateRole,
  inChain: boolean,
  at: Date,
): CertificateSummary {
  const key = cert.publicKey;
  return {
    role,
    inChain,
    subject: cert.subjectText,
    issuer: cert.issuerText,
    serialNumber: cert.serialHex.toUpperCase(),
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    daysLeft: daysLeft(cert, at),
    keyType: key.type,
    ...(key.bits !== undefined ? { keySize: key.bits } : {}),
    ...(key.curve !== undefined ? { curve: key.curve } : {}),
    signatureAlgorithm: cert.signatureAlgorithm.name,
    keyUsages: [...(cert.decoded.keyUsage ?? [])],
    extendedKeyUsages: (cert.decoded.extKeyUsage ?? []).map((oid) => EKU_NAMES[oid] ?? oid),
    isCA: cert.decoded.basicConstraints?.ca === true,
    selfIssued: cert.selfIssued,
    fingerprints: fingerprints(cert.der),
    pem: toPem(cert.der),
  };
}

export function daysLeft(cert: ParsedCertificate, at: Date): number {
  return Math.floor((cert.notAfter.getTime() - at.getTime()) / DAY_MS);
}
