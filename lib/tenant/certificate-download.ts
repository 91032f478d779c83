import { parseCertificate } from "@/lib/certificates";
import { DerError, readSingle } from "@/lib/certificates/der/reader";
import { PemError, decodeBase64, decodePemBlocks, looksLikeText, toPem } from "@/lib/certificates/pem";
import { isContentInfo, pkcs7Certificates } from "@/lib/certificates/pkcs7";

const CERTIFICATE_LABELS = new Set(["CERTIFICATE", "X509 CERTIFICATE"]);
const PKCS7_LABELS = new Set(["PKCS7", "CMS", "PKCS #7 SIGNED DATA"]);

export type DownloadResult = { ok: true; pems: string[] } | { ok: false; reason: string };

/**
 * The certificates of a `$value` download, as PEM strings. The certificate export is declared
 * `application/pkix-cert` (DER by definition) but SAP's example shows PEM, and the chain is
 * `application/pkcs7-mime` (reference §2.2); neither encoding is confirmed, so PEM, bare base64
 * and DER are all read, each holding one certificate or a PKCS#7 bundle. Content is never echoed.
 */
export function certificatesFromDownload(bytes: Uint8Array): DownloadResult {
  if (bytes.length === 0) return { ok: false, reason: "it is empty" };
  try {
    const ders = looksLikeText(bytes) ? fromText(Buffer.from(bytes).toString("latin1")) : fromDer(bytes);
    if (ders.length === 0) return { ok: false, reason: "it holds no certificate" };
    const unreadable = ders.findIndex((der) => !parseCertificate(der).ok);
    if (unreadable >= 0)
      return { ok: false, reason: `certificate ${unreadable + 1} of it is not a valid X.509 certificate` };
    return { ok: true, pems: ders.map((der) => toPem(der)) };
  } catch (error) {
    if (error instanceof PemError || error instanceof DerError) return { ok: false, reason: error.message };
    throw error;
  }
}

function fromText(text: string): Uint8Array[] {
  if (!text.includes("-----BEGIN")) return fromDer(decodeBase64(text));
  return decodePemBlocks(text).flatMap((block) => {
    if (CERTIFICATE_LABELS.has(block.label)) return [block.der];
    if (PKCS7_LABELS.has(block.label)) return fromDer(block.der);
    throw new PemError(`it contains a "${block.label}" block, which is not a certificate`);
  });
}

/** One DER certificate, or a PKCS#7 bundle of them. */
function fromDer(der: Uint8Array): Uint8Array[] {
  const node = readSingle(der);
  return isContentInfo(node) ? pkcs7Certificates(node) : [der];
}
