/**
 * Finding codes. The PRODUCT.md codes are a stable spec shared with the app and the
 * database: never rename them. The codes marked "added" name problems PRODUCT.md does not
 * list; they are just as stable once released.
 */
export const ERROR_CODES = [
  "UNPARSEABLE",
  "FILE_TOO_LARGE",
  "PRIVATE_KEY_PRESENT",
  "AMBIGUOUS_LEAF",
  "NOT_SIGNED_BY_ROOT",
  "ROOT_NOT_SELF_SIGNED",
  "ROOT_NOT_CA",
  "ROOT_EXPIRED",
  "LEAF_IS_CA",
  "LEAF_EXPIRED",
  "LEAF_NOT_YET_VALID",
  "EKU_NO_CLIENT_AUTH",
  "KEY_USAGE_MISMATCH",
  "WEAK_KEY",
  "WEAK_SIGNATURE_ALGORITHM",
  "SAME_KEY_AS_OLD",
  // added
  "EMPTY_UPLOAD",
  "TOO_MANY_CERTIFICATES",
  "MALFORMED_CERTIFICATE",
  "DUPLICATE_EXTENSION",
  "NONCONFORMING_CERTIFICATE",
  "UNKNOWN_CRITICAL_EXTENSION",
  "UNSUPPORTED_KEY",
  "ROOT_NOT_YET_VALID",
  "INTERMEDIATE_EXPIRED",
  "INTERMEDIATE_NOT_YET_VALID",
  "INTERMEDIATE_NOT_CA",
  "PATH_LENGTH_EXCEEDED",
  "CHAIN_TOO_LONG",
  "NAME_CONSTRAINTS_VIOLATED",
  "EKU_NOT_PERMITTED",
  "EKU_NO_SERVER_AUTH",
  "CA_CHANGED",
] as const;

export const WARNING_CODES = ["EXPIRES_SOON", "SAME_CA_AS_OLD", "SUBJECT_CHANGED", "CA_NOT_COMPARED"] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
export type WarningCode = (typeof WARNING_CODES)[number];
export type FindingCode = ErrorCode | WarningCode;

export type CertificateRole = "leaf" | "intermediate" | "root" | "old-leaf" | "old-root";

export interface Finding {
  code: FindingCode;
  severity: "error" | "warning";
  /** Plain English for the person uploading; never contains uploaded bytes or key text. */
  message: string;
  /** Which certificate it is about: index into the result's `certificates`. */
  certificate?: { role: CertificateRole; index: number };
}

const WARNINGS = new Set<string>(WARNING_CODES);

export function finding(code: FindingCode, message: string, certificate?: Finding["certificate"]): Finding {
  return { code, severity: WARNINGS.has(code) ? "warning" : "error", message, ...(certificate ? { certificate } : {}) };
}
