import type { KeystoreEntry } from "./keystore-entry";

/**
 * What the tenant's keystore says about the keystore step, compared with the case's certificates. Pure: the entry
 * is read by lib/tenant/store/keystore-check.ts.
 */
export type KeystoreVerdict =
  | { kind: "verified"; fingerprint: string }
  | { kind: "missing" }
  | { kind: "old-certificate"; entry: KeystoreEntry }
  | { kind: "other-certificate"; entry: KeystoreEntry };

/** "AB:CD:…", "abcd…": the same fingerprint. */
export function sameFingerprint(left: string, right: string): boolean {
  const normal = (text: string) => text.replace(/[^0-9a-f]/gi, "").toUpperCase();
  return normal(left).length === 64 && normal(left) === normal(right);
}

export function judgeKeystoreEntry(
  entry: KeystoreEntry | null,
  fingerprint: string | null,
  expected: { newSha256: string; oldSha256?: string | null },
): KeystoreVerdict {
  if (!entry) return { kind: "missing" };
  if (fingerprint && sameFingerprint(fingerprint, expected.newSha256)) return { kind: "verified", fingerprint };
  if (fingerprint && expected.oldSha256 && sameFingerprint(fingerprint, expected.oldSha256))
    return { kind: "old-certificate", entry };
  return { kind: "other-certificate", entry };
}

/** What the tenant holds, in words, for the person who must fix it. */
export function describeEntry(entry: KeystoreEntry, fingerprint: string | null): string {
  const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : "unknown");
  return `subject ${entry.subjectDN ?? "unknown"}, issued by ${entry.issuerDN ?? "unknown"}, valid ${day(entry.validNotBefore)} to ${day(entry.validNotAfter)}, SHA-256 ${fingerprint ?? "unknown"}`;
}
