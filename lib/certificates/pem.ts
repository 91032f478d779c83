/**
 * PEM handling written out by hand: @peculiar/x509 reads only the first block of a PEM
 * file, and we must see every block (a private key may hide after the certificate).
 */

export interface PemBlock {
  label: string;
  der: Uint8Array;
}

export class PemError extends Error {}

const BLOCK = /-----BEGIN ([A-Z0-9 #]+)-----([\s\S]*?)-----END ([A-Z0-9 #]+)-----/g;
const BEGIN = /-----BEGIN ([A-Z0-9 #]+)-----/g;

/** Labels of every BEGIN line, including blocks that are truncated or malformed. */
export function pemLabels(text: string): string[] {
  return [...text.matchAll(BEGIN)].map((m) => m[1]!);
}

/** Decodes every complete block; throws PemError on a truncated or corrupt block. */
export function decodePemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  let complete = 0;
  for (const match of text.matchAll(BLOCK)) {
    const [, label, body, endLabel] = match;
    if (label !== endLabel) throw new PemError(`a "${label}" block ends with an "${endLabel}" line`);
    complete++;
    blocks.push({ label: label!, der: decodeBase64(stripHeaders(body!)) });
  }
  if (complete !== pemLabels(text).length) throw new PemError("a PEM block has no END line (the text looks truncated)");
  return blocks;
}

/** RFC 1421 headers ("Proc-Type: ...") may precede the base64 body. */
function stripHeaders(body: string): string {
  const lines = body.split(/\r?\n/);
  const lastHeader = lines.reduce((last, line, i) => (/^[A-Za-z-]+:/.test(line) ? i : last), -1);
  return lines.slice(lastHeader + 1).join("");
}

export function decodeBase64(text: string): Uint8Array {
  const compact = text.replace(/\s+/g, "");
  if (compact.length === 0 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) {
    throw new PemError("the base64 text is corrupt or incomplete");
  }
  return new Uint8Array(Buffer.from(compact, "base64"));
}

export function toPem(der: Uint8Array, label = "CERTIFICATE"): string {
  const b64 = Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString("base64");
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

/**
 * DER bytes of a single certificate given as PEM text, base64 text or DER bytes. Throws
 * PemError for anything else; use `intake` for untrusted uploads.
 */
export function toDer(input: string | Uint8Array): Uint8Array {
  const text =
    typeof input === "string" ? input : looksLikeText(input) ? Buffer.from(input).toString("latin1") : undefined;
  if (text === undefined) return input as Uint8Array;
  if (!text.includes("-----BEGIN")) return decodeBase64(text);
  const cert = decodePemBlocks(text).find((b) => b.label === "CERTIFICATE");
  if (!cert) throw new PemError("no CERTIFICATE block found");
  return cert.der;
}

/** DER always starts with a tag byte (0x30 for every structure we accept); text does not. */
export function looksLikeText(bytes: Uint8Array): boolean {
  const limit = Math.min(bytes.length, 512);
  for (let i = 0; i < limit; i++) {
    const b = bytes[i]!;
    if (b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b > 0x7e) return false;
  }
  return bytes.length > 0;
}
