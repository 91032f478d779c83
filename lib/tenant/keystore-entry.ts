import { z } from "zod";
import { odataDate } from "./odata";

/** One entry of the tenant keystore (`com.sap.hci.api.KeystoreEntry`, reference §2.4). */
export interface KeystoreEntry {
  alias: string;
  /** Uppercase, whatever case the tenant answered in. */
  hexAlias: string;
  /** "Certificate" or "Key Pair". */
  type: string | null;
  keyType: string | null;
  keySize: number | null;
  subjectDN: string | null;
  issuerDN: string | null;
  /** Hex with a `0x` prefix, as the tenant writes it. */
  serialNumber: string | null;
  signatureAlgorithm: string | null;
  validNotBefore: Date | null;
  validNotAfter: Date | null;
  /** Colon-separated uppercase hex pairs, as the tenant states it (not computed here). */
  fingerprintSha256: string | null;
  owner: string | null;
  lastModifiedBy: string | null;
  lastModifiedTime: Date | null;
}

const text = z
  .string()
  .nullish()
  .transform((value) => value ?? null);
const date = odataDate.nullish().transform((value) => value ?? null);

const keystoreEntrySchema = z
  .object({
    Alias: z.string(),
    Hexalias: z.string().regex(/^(?:[0-9A-Fa-f]{2})+$/),
    Type: text,
    KeyType: text,
    KeySize: z
      .number()
      .int()
      .nullish()
      .transform((value) => value ?? null),
    SubjectDN: text,
    IssuerDN: text,
    SerialNumber: text,
    SignatureAlgorithm: text,
    ValidNotBefore: date,
    ValidNotAfter: date,
    FingerprintSha256: text,
    Owner: text,
    LastModifiedBy: text,
    LastModifiedTime: date,
  })
  .transform((entry): KeystoreEntry => ({
    alias: entry.Alias,
    hexAlias: entry.Hexalias.toUpperCase(),
    type: entry.Type,
    keyType: entry.KeyType,
    keySize: entry.KeySize,
    subjectDN: entry.SubjectDN,
    issuerDN: entry.IssuerDN,
    serialNumber: entry.SerialNumber,
    signatureAlgorithm: entry.SignatureAlgorithm,
    validNotBefore: entry.ValidNotBefore,
    validNotAfter: entry.ValidNotAfter,
    fingerprintSha256: entry.FingerprintSha256,
    owner: entry.Owner,
    lastModifiedBy: entry.LastModifiedBy,
    lastModifiedTime: entry.LastModifiedTime,
  }));

/** A keystore entry from its OData JSON, or undefined when it lacks what an entry must have. */
export function toKeystoreEntry(json: unknown): KeystoreEntry | undefined {
  const parsed = keystoreEntrySchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}
