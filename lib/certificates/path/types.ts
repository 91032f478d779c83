import type { KeyUsageName } from "../certificate/extensions";
import type { ParsedCertificate } from "../certificate/parse";
import type { FindingCode } from "../findings";

export interface PathInput {
  leaf: ParsedCertificate;
  /** Untrusted helpers: used only if they link the leaf to an anchor. */
  intermediates: ParsedCertificate[];
  /** Trusted certificates. A path must end in one of these exact certificates. */
  anchors: ParsedCertificate[];
}

export interface PathOptions {
  time: Date;
  /** Extended key usage the leaf must allow (OID); undefined = no requirement. */
  requiredEku?: string;
  /** What the leaf is called in findings ("client certificate" unless said otherwise). */
  leafNoun?: string;
  /** keyUsage bits the leaf must have when it has a keyUsage extension. */
  requiredLeafKeyUsage?: KeyUsageName[];
  /** Most non-self-issued intermediates allowed between leaf and anchor. */
  maxIntermediates?: number;
  /** Work bounds for the search; the defaults finish adversarial uploads in milliseconds. */
  limits?: Partial<SearchLimits>;
}

export interface SearchLimits {
  maxSignatureChecks: number;
  maxCompletePaths: number;
  maxDepth: number;
}

export type PathPosition = "leaf" | "intermediate" | "anchor";

export interface Problem {
  code: FindingCode;
  message: string;
  /** Index in the path: 0 is the leaf. */
  position: number;
}

/** One certificate of the (attempted) path, leaf first, for a chain picture. */
export interface ChainLink {
  position: number;
  kind: PathPosition;
  subject: string;
  issuer: string;
  sha256: string;
  /** Whether the certificate's signature was verified with the next certificate's key (null for the anchor). */
  signatureVerified: boolean | null;
  ok: boolean;
  problems: { code: FindingCode; message: string }[];
}

export interface PathResult {
  valid: boolean;
  /** True when signatures and names link the leaf to an anchor (even if other checks fail). */
  reachedAnchor: boolean;
  path: ParsedCertificate[];
  links: ChainLink[];
  problems: Problem[];
  stats: { signatureChecks: number; completePaths: number; limitReached: boolean };
}
