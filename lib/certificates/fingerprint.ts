import { createHash } from "node:crypto";
import { toDer } from "./pem";

/** "ab12..." → "AB:12:..." (the form certificate viewers show). */
export function formatFingerprint(hex: string): string {
  return (hex.toUpperCase().match(/../g) ?? []).join(":");
}

export function fingerprints(der: Uint8Array): { sha256: string; sha1: string } {
  return {
    sha256: formatFingerprint(createHash("sha256").update(der).digest("hex")),
    sha1: formatFingerprint(createHash("sha1").update(der).digest("hex")),
  };
}

/**
 * Does a fingerprint someone pasted (from a mail, a phone call, `openssl x509 -fingerprint`)
 * identify this certificate? Colons, spaces, dashes, case and an "SHA256 Fingerprint="
 * prefix are ignored; SHA-256 and SHA-1 fingerprints are both accepted.
 * `certificate` is DER bytes, PEM text, or a summary carrying its fingerprints.
 */
export function fingerprintMatches(
  pasted: string,
  certificate: Uint8Array | string | { fingerprints: { sha256: string; sha1: string } },
): boolean {
  const wanted = pasted
    .replace(/^.*=/, "")
    .replace(/[\s:-]/g, "")
    .toLowerCase();
  if (!/^[0-9a-f]{40}$|^[0-9a-f]{64}$/.test(wanted)) return false;
  let known: { sha256: string; sha1: string };
  try {
    known =
      typeof certificate === "object" && "fingerprints" in certificate
        ? certificate.fingerprints
        : fingerprints(toDer(certificate));
  } catch {
    return false;
  }
  const plain = (f: string) => f.replace(/:/g, "").toLowerCase();
  return wanted === plain(known.sha256) || wanted === plain(known.sha1);
}
