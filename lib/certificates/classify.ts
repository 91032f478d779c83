import type { ParsedCertificate } from "./certificate/parse";

export interface Classification {
  /** The client certificate, when exactly one candidate exists. */
  leaf?: ParsedCertificate;
  /** Set when more than one certificate could be the client certificate. */
  leafCandidates: ParsedCertificate[];
  intermediates: ParsedCertificate[];
  /** Self-issued CA certificates. */
  roots: ParsedCertificate[];
}

const isCa = (c: ParsedCertificate) => c.decoded.basicConstraints?.ca === true;

/**
 * Sorts the certificates of one upload into client certificate, intermediates and roots.
 * A root is a self-issued CA. The client certificate is the one end-entity certificate;
 * when there is none, the one CA certificate that issued nothing else in the upload
 * (the policy then reports LEAF_IS_CA); more than one candidate is ambiguous.
 */
export function classify(certificates: ParsedCertificate[]): Classification {
  const roots = certificates.filter((c) => c.selfIssued && isCa(c));
  const others = certificates.filter((c) => !roots.includes(c));
  const endEntities = others.filter((c) => !isCa(c));
  let candidates = endEntities;
  if (candidates.length === 0) {
    const issuesNothing = (c: ParsedCertificate) =>
      !certificates.some((o) => o !== c && o.issuer.key === c.subject.key);
    candidates = others.filter(issuesNothing);
    if (candidates.length === 0 && certificates.length === 1) candidates = certificates;
  }
  const leaf = candidates.length === 1 ? candidates[0] : undefined;
  return {
    leaf,
    leafCandidates: candidates.length > 1 ? candidates : [],
    intermediates: others.filter((c) => c !== leaf && !candidates.includes(c)),
    roots: roots.filter((c) => c !== leaf),
  };
}
