import { classify } from "./classify";
import { finding, type Finding } from "./findings";
import { intake, type UploadPart } from "./intake";
import { summarize, type CertificateSummary } from "./summary";

export type OldCertificatesResult = { ok: true; certificates: CertificateSummary[] } | { ok: false; errors: Finding[] };

/**
 * Reads the certificate being replaced and its root, given (optionally) when a case is created. They are only
 * kept for comparison with the new ones, so being expired or near expiry is expected and not a finding.
 */
export function readOldCertificates(
  oldLeaf: UploadPart[],
  oldRoot: UploadPart[],
  at = new Date(),
): OldCertificatesResult {
  const errors: Finding[] = [];
  const certificates: CertificateSummary[] = [];
  if (oldLeaf.length > 0) {
    const read = intake(oldLeaf);
    if (!read.ok)
      errors.push(...read.errors.map((error) => ({ ...error, message: `Old client certificate: ${error.message}` })));
    else {
      const sorted = classify(read.certificates);
      // A trusted root renewed as such (a receiver's root in the tenant keystore) is the old root, not an old leaf.
      const lone = read.certificates.length === 1 ? sorted.leaf : undefined;
      const onlyRoot = lone?.selfIssued === true && lone.decoded.basicConstraints?.ca === true;
      if (onlyRoot && oldRoot.length === 0) certificates.push(summarize(lone, "old-root", false, at));
      else if (!sorted.leaf)
        errors.push(
          finding(
            "AMBIGUOUS_LEAF",
            "Old client certificate: the upload holds more than one certificate that could be the client certificate. Upload only the certificate being replaced.",
          ),
        );
      else certificates.push(summarize(sorted.leaf, "old-leaf", false, at));
    }
  }
  if (oldRoot.length > 0) {
    const read = intake(oldRoot);
    if (!read.ok)
      errors.push(...read.errors.map((error) => ({ ...error, message: `Old root certificate: ${error.message}` })));
    else {
      const root = read.certificates.find((certificate) => certificate.selfIssued) ?? read.certificates[0]!;
      certificates.push(summarize(root, "old-root", false, at));
    }
  }
  // A private key anywhere refuses everything, and says only that.
  const privateKey = errors.find((error) => error.code === "PRIVATE_KEY_PRESENT");
  if (privateKey) return { ok: false, errors: [privateKey] };
  return errors.length > 0 ? { ok: false, errors } : { ok: true, certificates };
}
