import { createPublicKey, type KeyObject } from "node:crypto";
import {
  DerCursor,
  DerError,
  DerNode,
  Tag,
  isNegativeInteger,
  readBitString,
  readIntegerBytes,
  readNull,
  readOid,
  readSingle,
} from "../der/reader";
import { OID } from "../der/oids";

export type KeyType = "RSA" | "EC" | "Ed25519" | "Ed448" | "DSA" | "unknown";

export interface PublicKeyInfo {
  /** The SubjectPublicKeyInfo DER: what "same key" means when comparing certificates. */
  spki: Uint8Array;
  type: KeyType;
  /** RSA modulus / DSA prime size in bits; EC field size. */
  bits?: number;
  /** Named curve, e.g. "P-256"; "explicit" for inline curve parameters. */
  curve?: string;
  algorithmOid: string;
}

const CURVES: Record<string, { name: string; bits: number }> = {
  [OID.p256]: { name: "P-256", bits: 256 },
  [OID.p384]: { name: "P-384", bits: 384 },
  [OID.p521]: { name: "P-521", bits: 521 },
  [OID.p192]: { name: "P-192", bits: 192 },
  [OID.p224]: { name: "P-224", bits: 224 },
  [OID.secp256k1]: { name: "secp256k1", bits: 256 },
};

/** Decodes SubjectPublicKeyInfo enough to judge the key; malformed keys throw DerError. */
export function parsePublicKeyInfo(node: DerNode): PublicKeyInfo {
  const fields = new DerCursor(node.children());
  const algorithm = fields.take(Tag.sequence, "public key algorithm");
  const keyBits = readBitString(fields.take(Tag.bitString, "public key"));
  fields.done("SubjectPublicKeyInfo");
  if (keyBits.unusedBits !== 0) throw new DerError("public key BIT STRING has padding bits");
  const algorithmFields = algorithm.children();
  const algorithmOid = readOid(algorithmFields[0] ?? fail("missing public key algorithm"));
  const params = algorithmFields[1];
  if (algorithmFields.length > 2) throw new DerError("public key algorithm has extra fields");
  const spki = node.encoded;

  switch (algorithmOid) {
    case OID.rsaEncryption: {
      // RFC 3279 2.3.1: the parameters MUST be NULL.
      if (!params) throw new DerError("RSA key parameters must be NULL");
      readNull(params);
      const rsa = new DerCursor(readSingle(keyBits.bytes).children());
      const modulus = readIntegerBytes(rsa.take(Tag.integer, "RSA modulus"));
      const exponent = readIntegerBytes(rsa.take(Tag.integer, "RSA exponent"));
      rsa.done("RSAPublicKey");
      if (isNegativeInteger(modulus) || isNegativeInteger(exponent))
        throw new DerError("RSA key has a negative number");
      return { spki, type: "RSA", bits: bitLength(modulus), algorithmOid };
    }
    case OID.ecPublicKey: {
      if (!params) throw new DerError("EC key has no curve parameters");
      if (params.tag !== Tag.oid) return { spki, type: "EC", curve: "explicit", algorithmOid };
      const curveOid = readOid(params);
      const curve = CURVES[curveOid];
      return { spki, type: "EC", curve: curve?.name ?? curveOid, bits: curve?.bits, algorithmOid };
    }
    case OID.ed25519:
    case OID.ed448: {
      if (params) throw new DerError("EdDSA key must not have parameters");
      const ed25519 = algorithmOid === OID.ed25519;
      if (keyBits.bytes.length !== (ed25519 ? 32 : 57)) throw new DerError("EdDSA key has the wrong length");
      return { spki, type: ed25519 ? "Ed25519" : "Ed448", bits: ed25519 ? 256 : 456, algorithmOid };
    }
    case OID.dsa: {
      // Parameters may be inherited from the issuer (RFC 3279 2.3.2); size unknown then.
      const p = params?.tag === Tag.sequence ? params.children()[0] : undefined;
      return { spki, type: "DSA", bits: p ? bitLength(readIntegerBytes(p)) : undefined, algorithmOid };
    }
    default:
      return { spki, type: "unknown", algorithmOid };
  }
}

function fail(message: string): never {
  throw new DerError(message);
}

function bitLength(unsigned: Uint8Array): number {
  let i = 0;
  while (i < unsigned.length && unsigned[i] === 0) i++;
  if (i === unsigned.length) return 0;
  return (unsigned.length - i - 1) * 8 + (32 - Math.clz32(unsigned[i]!));
}

/**
 * Why a key is not acceptable, or undefined. The bar is the product's WEAK_KEY rule
 * (RSA >= 2048, EC >= P-256) plus what the web PKI also refuses: RSA sizes that are not a
 * multiple of 8, DSA, unknown or explicitly encoded curves.
 */
export function keyWeakness(key: PublicKeyInfo): { code: "WEAK_KEY" | "UNSUPPORTED_KEY"; reason: string } | undefined {
  switch (key.type) {
    case "RSA":
      if ((key.bits ?? 0) < 2048)
        return { code: "WEAK_KEY", reason: `RSA key of ${key.bits} bits (at least 2048 are required)` };
      if (key.bits! % 8 !== 0)
        return { code: "WEAK_KEY", reason: `RSA key of ${key.bits} bits (size must be a multiple of 8)` };
      return undefined;
    case "EC":
      if (key.curve === "P-256" || key.curve === "P-384" || key.curve === "P-521") return undefined;
      if (key.curve === "P-192" || key.curve === "P-224")
        return { code: "WEAK_KEY", reason: `elliptic-curve key on ${key.curve} (P-256 or stronger is required)` };
      return { code: "UNSUPPORTED_KEY", reason: `elliptic-curve key on an unsupported curve (${key.curve})` };
    case "Ed25519":
    case "Ed448":
      return undefined;
    case "DSA":
      return { code: "WEAK_KEY", reason: "DSA key (DSA is no longer accepted; use RSA or ECDSA)" };
    default:
      return { code: "UNSUPPORTED_KEY", reason: `unsupported public key algorithm ${key.algorithmOid}` };
  }
}

const keyObjects = new WeakMap<PublicKeyInfo, KeyObject | null>();

/**
 * The imported key, cached per certificate so that a chain search verifying many
 * signatures imports each issuer key once. Returns null when OpenSSL rejects the key
 * (for instance an EC point that is not on its curve).
 */
export function importPublicKey(key: PublicKeyInfo): KeyObject | null {
  let cached = keyObjects.get(key);
  if (cached === undefined) {
    try {
      cached = createPublicKey({ key: Buffer.from(key.spki), format: "der", type: "spki" });
    } catch {
      cached = null;
    }
    keyObjects.set(key, cached);
  }
  return cached;
}
