/**
 * Certificate validation for Renewal Desk — the public API.
 * Pure TypeScript on node:crypto and @peculiar/x509: no database, no Next.js, usable from
 * route handlers, server actions and the `cert:check` CLI alike.
 */
export { validateRenewal, type RenewalInput, type RenewalResult, type ChainLink } from "./policy";
export { intake, UPLOAD_LIMITS, type UploadPart, type IntakeResult } from "./intake";
export { classify, type Classification } from "./classify";
export { validatePath, DEFAULT_LIMITS } from "./path/validate-path";
export type { PathInput, PathOptions, PathResult, ChainLink as PathLink, Problem, SearchLimits } from "./path/types";
export { parseCertificate, type ParsedCertificate, type ParseResult } from "./certificate/parse";
export type { KeyUsageName } from "./certificate/extensions";
export { summarize, type CertificateSummary } from "./summary";
export { ERROR_CODES, WARNING_CODES, type Finding, type FindingCode, type CertificateRole } from "./findings";
export { toPem, toDer, PemError } from "./pem";
export { buildPkcs7 } from "./pkcs7";
export { fingerprintMatches, fingerprints, formatFingerprint } from "./fingerprint";
export { OID } from "./der/oids";
