import { constants, verify as cryptoVerify } from "node:crypto";
import { DerCursor, DerError, DerNode, Tag, readNull, readOid, readSmallInteger } from "../der/reader";
import { OID } from "../der/oids";
import { importPublicKey, type KeyType, type PublicKeyInfo } from "./public-key";

type Hash = "md2" | "md5" | "sha1" | "sha224" | "sha256" | "sha384" | "sha512";

export interface SignatureAlgorithm {
  oid: string;
  /** Readable name, e.g. "sha256WithRSAEncryption". */
  name: string;
  /** Key type able to produce this signature; "RSA" covers PKCS#1 v1.5 and PSS. */
  keyType: KeyType | "unsupported";
  hash?: Hash;
  pss?: { hash: Hash; saltLength: number };
  /** MD2/MD5/SHA-1: collisions are practical, so signatures over them prove nothing. */
  weak: boolean;
}

const TABLE: Record<string, { name: string; keyType: KeyType; hash?: Hash; params: "null" | "absent" }> = {
  [OID.md2WithRsa]: { name: "md2WithRSAEncryption", keyType: "RSA", hash: "md2", params: "null" },
  [OID.md5WithRsa]: { name: "md5WithRSAEncryption", keyType: "RSA", hash: "md5", params: "null" },
  [OID.sha1WithRsa]: { name: "sha1WithRSAEncryption", keyType: "RSA", hash: "sha1", params: "null" },
  [OID.sha224WithRsa]: { name: "sha224WithRSAEncryption", keyType: "RSA", hash: "sha224", params: "null" },
  [OID.sha256WithRsa]: { name: "sha256WithRSAEncryption", keyType: "RSA", hash: "sha256", params: "null" },
  [OID.sha384WithRsa]: { name: "sha384WithRSAEncryption", keyType: "RSA", hash: "sha384", params: "null" },
  [OID.sha512WithRsa]: { name: "sha512WithRSAEncryption", keyType: "RSA", hash: "sha512", params: "null" },
  [OID.ecdsaWithSha1]: { name: "ecdsa-with-SHA1", keyType: "EC", hash: "sha1", params: "absent" },
  [OID.ecdsaWithSha224]: { name: "ecdsa-with-SHA224", keyType: "EC", hash: "sha224", params: "absent" },
  [OID.ecdsaWithSha256]: { name: "ecdsa-with-SHA256", keyType: "EC", hash: "sha256", params: "absent" },
  [OID.ecdsaWithSha384]: { name: "ecdsa-with-SHA384", keyType: "EC", hash: "sha384", params: "absent" },
  [OID.ecdsaWithSha512]: { name: "ecdsa-with-SHA512", keyType: "EC", hash: "sha512", params: "absent" },
  [OID.dsaWithSha1]: { name: "dsa-with-SHA1", keyType: "DSA", hash: "sha1", params: "absent" },
  [OID.dsaWithSha224]: { name: "dsa-with-SHA224", keyType: "DSA", hash: "sha224", params: "absent" },
  [OID.dsaWithSha256]: { name: "dsa-with-SHA256", keyType: "DSA", hash: "sha256", params: "absent" },
  [OID.ed25519]: { name: "Ed25519", keyType: "Ed25519", params: "absent" },
  [OID.ed448]: { name: "Ed448", keyType: "Ed448", params: "absent" },
};

const HASH_OIDS: Record<string, Hash> = {
  [OID.sha1]: "sha1",
  [OID.sha224]: "sha224",
  [OID.sha256]: "sha256",
  [OID.sha384]: "sha384",
  [OID.sha512]: "sha512",
};

const WEAK_HASHES = new Set<Hash>(["md2", "md5", "sha1"]);

export function parseSignatureAlgorithm(node: DerNode): SignatureAlgorithm {
  if (node.tag !== Tag.sequence) throw new DerError("signature algorithm is not a SEQUENCE");
  const fields = node.children();
  if (fields.length === 0 || fields.length > 2) throw new DerError("malformed signature algorithm");
  const oid = readOid(fields[0]!);
  const params = fields[1];
  if (oid === OID.rsassaPss) return parsePss(params);
  const known = TABLE[oid];
  if (!known) return { oid, name: oid, keyType: "unsupported", weak: false };
  // RFC 4055 / RFC 5758 / RFC 8410: NULL for RSA (absent tolerated), absent for the rest.
  if (params) {
    if (known.params === "absent") throw new DerError(`${known.name} must not have parameters`);
    readNull(params);
  }
  return {
    oid,
    name: known.name,
    keyType: known.keyType,
    hash: known.hash,
    weak: known.hash ? WEAK_HASHES.has(known.hash) : false,
  };
}

function parsePss(params: DerNode | undefined): SignatureAlgorithm {
  if (!params || params.tag !== Tag.sequence) throw new DerError("RSASSA-PSS needs parameters");
  const fields = new DerCursor(params.children());
  const hashField = fields.optional(0xa0);
  const mgfField = fields.optional(0xa1);
  const saltField = fields.optional(0xa2);
  const trailerField = fields.optional(0xa3);
  fields.done("RSASSA-PSS parameters");
  const hash = hashField ? hashOf(single(hashField)) : "sha1";
  let mgfHash: Hash = "sha1";
  if (mgfField) {
    const mgf = single(mgfField).children();
    if (mgf.length !== 2 || readOid(mgf[0]!) !== OID.mgf1)
      throw new DerError("unsupported PSS mask generation function");
    mgfHash = hashOf(mgf[1]!);
  }
  if (mgfHash !== hash) throw new DerError("PSS with different message and MGF1 hashes is not supported");
  const saltLength = saltField ? readSmallInteger(single(saltField)) : 20;
  if (trailerField && readSmallInteger(single(trailerField)) !== 1) throw new DerError("unsupported PSS trailer field");
  return {
    oid: OID.rsassaPss,
    name: `RSASSA-PSS (${hash})`,
    keyType: "RSA",
    hash,
    pss: { hash, saltLength },
    weak: WEAK_HASHES.has(hash),
  };
}

function single(wrapper: DerNode): DerNode {
  const inner = wrapper.children();
  if (inner.length !== 1) throw new DerError("malformed explicit tag");
  return inner[0]!;
}

function hashOf(algorithm: DerNode): Hash {
  const [oidNode, params, ...extra] = algorithm.children();
  const hash = oidNode ? HASH_OIDS[readOid(oidNode)] : undefined;
  if (!hash || extra.length > 0) throw new DerError("unsupported hash algorithm");
  if (params) readNull(params);
  return hash;
}

/**
 * Verifies `signature` over `data` with the issuer key — and nothing else. Unlike
 * @peculiar/x509's cert.verify() this never looks at dates and never throws: a key that
 * does not fit the algorithm is simply a failed verification.
 */
export function verifySignature(
  algorithm: SignatureAlgorithm,
  issuerKey: PublicKeyInfo,
  data: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (algorithm.keyType === "unsupported" || algorithm.keyType !== issuerKey.type) return false;
  const key = importPublicKey(issuerKey);
  if (!key) return false;
  try {
    if (algorithm.pss) {
      return cryptoVerify(
        algorithm.pss.hash,
        data,
        { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: algorithm.pss.saltLength },
        signature,
      );
    }
    return cryptoVerify(algorithm.hash ?? null, data, key, signature);
  } catch {
    return false;
  }
}
