import { DerError, type DerNode, readNode } from "./der/reader";
import { type ParsedCertificate, parseCertificate } from "./certificate/parse";
import { type Finding, finding } from "./findings";
import { PemError, decodeBase64, decodePemBlocks, looksLikeText, pemLabels } from "./pem";
import { isContentInfo, pkcs7Certificates } from "./pkcs7";
import { isPrivateKeyLabel, privateKeyKind, textHasPrivateKey } from "./private-key-detection";

/** One uploaded file or pasted text. */
export interface UploadPart {
  name?: string;
  bytes: Uint8Array;
}

export const UPLOAD_LIMITS = {
  /** Per file or pasted text. Real certificate files are a few KiB; @peculiar/x509 slows down badly on megabytes. */
  maxPartBytes: 64 * 1024,
  /** Per upload: a leaf, a handful of intermediates and a root. */
  maxCertificates: 10,
} as const;

export type IntakeResult =
  | { ok: true; certificates: ParsedCertificate[] }
  /** Findings only: nothing of the upload's content is kept. */
  | { ok: false; errors: Finding[] };

const CERTIFICATE_LABELS = new Set(["CERTIFICATE", "X509 CERTIFICATE"]);
const PKCS7_LABELS = new Set(["PKCS7", "CMS", "PKCS #7 SIGNED DATA"]);
const OTHER_LABELS: Record<string, string> = {
  "CERTIFICATE REQUEST": "a certificate signing request (CSR), not a certificate",
  "NEW CERTIFICATE REQUEST": "a certificate signing request (CSR), not a certificate",
  "X509 CRL": "a certificate revocation list, not a certificate",
  "PUBLIC KEY": "a bare public key, not a certificate",
  "RSA PUBLIC KEY": "a bare public key, not a certificate",
  "TRUSTED CERTIFICATE": "an OpenSSL 'TRUSTED CERTIFICATE'; convert it with `openssl x509 -in FILE -out cert.pem`",
};

/** A failure inside one part, turned into a finding by `intake`. */
class IntakeError extends Error {
  constructor(
    readonly code: "UNPARSEABLE" | "PRIVATE_KEY_PRESENT",
    message: string,
  ) {
    super(message);
  }
}

/**
 * Turns an upload (files and/or pasted text) into parsed certificates, or into findings.
 * Order of checks: sizes, then private keys, then certificate count, and only then the
 * certificates are decoded. Never throws.
 */
export function intake(parts: UploadPart[]): IntakeResult {
  const nonEmpty = parts.filter((p) => p.bytes.some((b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09));
  if (nonEmpty.length === 0)
    return fail(finding("EMPTY_UPLOAD", "Nothing was uploaded. Choose a certificate file or paste a PEM certificate."));

  const tooLarge = nonEmpty.filter((p) => p.bytes.length > UPLOAD_LIMITS.maxPartBytes);
  if (tooLarge.length) {
    return fail(
      ...tooLarge.map((p) =>
        finding(
          "FILE_TOO_LARGE",
          `${label(p, parts)} is ${Math.ceil(p.bytes.length / 1024)} KiB; a certificate file may be at most ${UPLOAD_LIMITS.maxPartBytes / 1024} KiB.`,
        ),
      ),
    );
  }

  const blobs: Uint8Array[] = [];
  const errors: Finding[] = [];
  for (const part of nonEmpty) {
    try {
      blobs.push(...certificateBlobs(part.bytes));
    } catch (error) {
      if (error instanceof IntakeError && error.code === "PRIVATE_KEY_PRESENT") {
        // Stop at once and report nothing from the content.
        return fail(
          finding(
            "PRIVATE_KEY_PRESENT",
            `${label(part, parts)} contains ${error.message}. Never upload a private key: upload only the certificate (the public part). The upload was discarded.`,
          ),
        );
      }
      const reason = error instanceof IntakeError ? error.message : "it could not be read";
      errors.push(finding("UNPARSEABLE", `${label(part, parts)} could not be read as a certificate: ${reason}.`));
    }
  }
  if (errors.length) return fail(...errors);
  if (blobs.length === 0) return fail(finding("UNPARSEABLE", "The upload contains no certificate."));
  if (blobs.length > UPLOAD_LIMITS.maxCertificates) {
    return fail(
      finding(
        "TOO_MANY_CERTIFICATES",
        `The upload contains ${blobs.length} certificates; at most ${UPLOAD_LIMITS.maxCertificates} are accepted (the certificate, its intermediates and the root).`,
      ),
    );
  }

  const certificates: ParsedCertificate[] = [];
  blobs.forEach((der, i) => {
    const parsed = parseCertificate(der);
    if (!parsed.ok) {
      errors.push(
        finding(
          parsed.code,
          blobs.length > 1 ? `Certificate ${i + 1} of the upload: ${parsed.message}` : parsed.message,
        ),
      );
    } else if (!certificates.some((c) => c.sha256 === parsed.certificate.sha256)) {
      certificates.push(parsed.certificate);
    }
  });
  return errors.length ? fail(...errors) : { ok: true, certificates };
}

function fail(...errors: Finding[]): IntakeResult {
  return { ok: false, errors };
}

/** A printable name for messages; file names are user input, so they are tamed. */
function label(part: UploadPart, all: UploadPart[]): string {
  const name = part.name?.replace(/[^\x20-\x7e]/g, "").slice(0, 80);
  if (name) return `The file "${name}"`;
  return all.length > 1 ? `Upload part ${all.indexOf(part) + 1}` : "The upload";
}

/** The DER certificates inside one part, not yet decoded. Throws IntakeError. */
function certificateBlobs(bytes: Uint8Array): Uint8Array[] {
  const firstByte = bytes.find(
    (b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09 && b !== 0xef && b !== 0xbb && b !== 0xbf,
  );
  if (firstByte === 0x30 && !looksLikeText(bytes)) return derBlobs(bytes);
  const text = Buffer.from(bytes).toString("latin1");
  const labels = pemLabels(text);
  if (labels.some(isPrivateKeyLabel) || textHasPrivateKey(text))
    throw new IntakeError("PRIVATE_KEY_PRESENT", "a private key");
  if (labels.length === 0) {
    if (/^[\sA-Za-z0-9+/=]+$/.test(text)) return derBlobs(decode(() => decodeBase64(text)));
    throw new IntakeError("UNPARSEABLE", "it is neither PEM text, base64 nor a DER certificate file");
  }
  const blocks = decode(() => decodePemBlocks(text));
  return blocks.flatMap((block) => {
    const kind = privateKeyKind(block.der);
    if (kind) throw new IntakeError("PRIVATE_KEY_PRESENT", kind);
    if (CERTIFICATE_LABELS.has(block.label)) return [block.der];
    if (PKCS7_LABELS.has(block.label)) return derBlobs(block.der);
    throw new IntakeError(
      "UNPARSEABLE",
      `it contains ${OTHER_LABELS[block.label] ?? `a "${block.label}" block, which is not a certificate`}`,
    );
  });
}

function decode<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw new IntakeError("UNPARSEABLE", error instanceof PemError ? error.message : "the text is not valid PEM");
  }
}

/** A DER file: one certificate or one PKCS#7 bundle, with nothing after it. */
function derBlobs(der: Uint8Array): Uint8Array[] {
  const kind = privateKeyKind(der);
  if (kind) throw new IntakeError("PRIVATE_KEY_PRESENT", kind);
  let node: DerNode;
  try {
    node = readNode(der, 0, der.length);
  } catch (error) {
    throw new IntakeError(
      "UNPARSEABLE",
      `it is not valid DER (${error instanceof DerError ? error.message : "unreadable"})`,
    );
  }
  if (node.end !== der.length) {
    const trailing = der.subarray(node.end);
    const trailingKind = privateKeyKind(trailing);
    if (trailingKind) throw new IntakeError("PRIVATE_KEY_PRESENT", trailingKind);
    throw new IntakeError("UNPARSEABLE", "there is extra data after the certificate");
  }
  try {
    return isContentInfo(node) ? pkcs7Certificates(node) : [der];
  } catch (error) {
    throw new IntakeError("UNPARSEABLE", error instanceof DerError ? error.message : "it is not a certificate");
  }
}
