/**
 * Issues real certificates with @peculiar/x509 and WebCrypto keys, for the demo data, the benchmark and the tests
 * (the app itself never issues certificates: it checks what people upload). Private keys stay in memory.
 */
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { webcrypto } from "node:crypto";

const subtle = webcrypto.subtle as unknown as SubtleCrypto;
x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export type KeyKind = "p256" | "p384" | "rsa2048" | "rsa1024" | "ed25519";

export interface IssuedKey {
  kind: KeyKind;
  pair: CryptoKeyPair;
}

export interface IssuedCertificate {
  cert: x509.X509Certificate;
  der: Uint8Array;
  pem: string;
  key: IssuedKey;
}

export const CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
export const SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
const KU = x509.KeyUsageFlags;

export async function newKey(kind: KeyKind = "p256"): Promise<IssuedKey> {
  const algorithm =
    kind === "p256" || kind === "p384"
      ? { name: "ECDSA", namedCurve: kind === "p256" ? "P-256" : "P-384" }
      : kind === "ed25519"
        ? { name: "Ed25519" }
        : {
            name: "RSASSA-PKCS1-v1_5",
            modulusLength: kind === "rsa2048" ? 2048 : 1024,
            publicExponent: new Uint8Array([1, 0, 1]),
            hash: "SHA-256",
          };
  const pair = (await subtle.generateKey(algorithm, true, ["sign", "verify"])) as CryptoKeyPair;
  return { kind, pair };
}

export interface IssueOptions {
  subject: string;
  notBefore: Date;
  notAfter: Date;
  /** Signing certificate; omitted = self-signed. */
  issuer?: IssuedCertificate;
  key?: IssuedKey;
  /** Kind of the key made when none is given. */
  keyKind?: KeyKind;
  /** true: critical basicConstraints cA; false: end entity; "omit": no basicConstraints. */
  ca?: boolean | "omit";
  pathLen?: number;
  keyUsage?: x509.KeyUsageFlags | "omit";
  /** EKU OIDs; default clientAuth for end entities, none for CAs. */
  eku?: string[] | "omit";
  signingHash?: "SHA-256" | "SHA-1";
  extensions?: x509.Extension[];
  /** Leave out the authority key identifier. */
  omitAki?: boolean;
  /** Issuer name as written into the certificate, when it should differ from the issuer's subject text. */
  issuerName?: string;
  serial?: string;
}

export async function issueCertificate(o: IssueOptions): Promise<IssuedCertificate> {
  const key = o.key ?? (await newKey(o.keyKind));
  const isCa = o.ca === true;
  const extensions: x509.Extension[] = [];
  if (o.ca !== "omit") extensions.push(new x509.BasicConstraintsExtension(isCa, isCa ? o.pathLen : undefined, true));
  const keyUsage = o.keyUsage ?? (isCa ? KU.keyCertSign | KU.cRLSign : KU.digitalSignature);
  if (keyUsage !== "omit") extensions.push(new x509.KeyUsagesExtension(keyUsage, true));
  const eku = o.eku ?? (isCa ? "omit" : [CLIENT_AUTH]);
  if (eku !== "omit") extensions.push(new x509.ExtendedKeyUsageExtension(eku, false));
  extensions.push(await x509.SubjectKeyIdentifierExtension.create(key.pair.publicKey));
  if (o.issuer && !o.omitAki)
    extensions.push(await x509.AuthorityKeyIdentifierExtension.create(o.issuer.key.pair.publicKey));
  extensions.push(...(o.extensions ?? []));

  const signer = o.issuer?.key ?? key;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: o.serial ?? randomSerial(),
    subject: o.subject,
    issuer: o.issuerName ?? (o.issuer ? o.issuer.cert.subject : o.subject),
    notBefore: o.notBefore,
    notAfter: o.notAfter,
    publicKey: key.pair.publicKey,
    signingKey: signer.pair.privateKey,
    signingAlgorithm: signingAlgorithm(signer.kind, o.signingHash ?? "SHA-256"),
    extensions,
  });
  return { cert, der: new Uint8Array(cert.rawData), pem: cert.toString("pem"), key };
}

function signingAlgorithm(kind: KeyKind, hash: string): Algorithm {
  if (kind === "p256" || kind === "p384") return { name: "ECDSA", hash } as Algorithm;
  if (kind === "ed25519") return { name: "Ed25519" };
  return { name: "RSASSA-PKCS1-v1_5", hash } as Algorithm;
}

function randomSerial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(12));
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return Buffer.from(bytes).toString("hex");
}

const DAY = 24 * 60 * 60 * 1000;

export interface IssuedChain {
  root: IssuedCertificate;
  intermediate: IssuedCertificate;
  leaf: IssuedCertificate;
}

/** root → issuing CA → client certificate, valid from a day before `from` (the root ten years, the others one). */
export async function issueChain(
  names: { root: string; intermediate: string; leaf: string },
  options: { from?: Date; keyKind?: KeyKind; leafDays?: number } = {},
): Promise<IssuedChain> {
  const from = options.from ?? new Date();
  const notBefore = new Date(from.getTime() - DAY);
  const year = new Date(from.getTime() + 365 * DAY);
  const root = await issueCertificate({
    subject: names.root,
    ca: true,
    notBefore,
    notAfter: new Date(from.getTime() + 3650 * DAY),
    keyKind: options.keyKind,
  });
  const intermediate = await issueCertificate({
    subject: names.intermediate,
    ca: true,
    pathLen: 0,
    issuer: root,
    notBefore,
    notAfter: year,
    keyKind: options.keyKind,
  });
  const leaf = await issueCertificate({
    subject: names.leaf,
    issuer: intermediate,
    notBefore,
    notAfter: new Date(from.getTime() + (options.leafDays ?? 365) * DAY),
    keyKind: options.keyKind,
  });
  return { root, intermediate, leaf };
}
