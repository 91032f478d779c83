import "reflect-metadata";
import { X509Certificate, X509Certificates } from "@peculiar/x509";
import { DerCursor, DerError, type DerNode, Tag, readOid } from "./der/reader";
import { OID } from "./der/oids";
import { toPem } from "./pem";

/** Is this DER element a PKCS#7/CMS ContentInfo (rather than a certificate)? */
export function isContentInfo(node: DerNode): boolean {
  const first = node.tag === Tag.sequence ? node.children()[0] : undefined;
  return first?.tag === Tag.oid;
}

/**
 * The certificates of a certs-only PKCS#7 SignedData (.p7b/.p7c), as DER slices, without
 * parsing them: the upload limits are checked on this count before any certificate is
 * decoded. Throws DerError for anything that is not such a bundle.
 */
export function pkcs7Certificates(contentInfo: DerNode): Uint8Array[] {
  const fields = new DerCursor(contentInfo.children());
  const type = readOid(fields.take(Tag.oid, "content type"));
  if (type !== OID.pkcs7SignedData) throw new DerError("the PKCS#7 file is not a SignedData bundle");
  const explicit = fields.take(0xa0, "content").children();
  fields.done("ContentInfo");
  if (explicit.length !== 1) throw new DerError("malformed PKCS#7 content");
  const signedData = new DerCursor(explicit[0]!.children());
  signedData.take(Tag.integer, "version");
  signedData.take(Tag.set, "digest algorithms");
  signedData.take(Tag.sequence, "content");
  const certificates = signedData.optional(0xa0);
  signedData.optional(0xa1); // CRLs, ignored
  signedData.take(Tag.set, "signer infos");
  signedData.done("SignedData");
  return (certificates?.children() ?? []).map((choice) => {
    if (choice.tag !== Tag.sequence)
      throw new DerError("the PKCS#7 file holds something other than X.509 certificates");
    return choice.encoded;
  });
}

/**
 * A degenerate certs-only PKCS#7 bundle (.p7b) of the given DER certificates, the format
 * many receivers import a chain in.
 */
export function buildPkcs7(certificates: Uint8Array[], format: "der"): Uint8Array;
export function buildPkcs7(certificates: Uint8Array[], format: "pem"): string;
export function buildPkcs7(certificates: Uint8Array[], format: "der" | "pem"): Uint8Array | string {
  const bundle = new X509Certificates(certificates.map((der) => new X509Certificate(new Uint8Array(der))));
  const raw = new Uint8Array(bundle.export("raw"));
  // "PKCS7" rather than @peculiar/x509's "CMS" label: older tools only know the former.
  return format === "pem" ? toPem(raw, "PKCS7") : raw;
}
