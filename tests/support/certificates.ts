/**
 * Test-only certificate factory: real certificates, generated with @peculiar/x509 and
 * WebCrypto keys at test time. Nothing here is committed as a fixture.
 */
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { webcrypto } from "node:crypto";

const subtle = webcrypto.subtle as unknown as SubtleCrypto;
x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export type KeyKind = "p256" | "p384" | "rsa2048" | "rsa1024" | "ed25519";

export interface TestKey {
  kind: KeyKind;
  pair: CryptoKeyPair;
}

export interface TestCert {
  cert: x509.X509Certificate;
  der: Uint8Array;
  pem: string;
  key: TestKey;
}

export const DAY = 24 * 60 * 60 * 1000;
/** Fixed clock for tests: 2026-06-01T00:00:00Z. */
export const NOW = new Date("2026-06-01T00:00:00Z");

export async function newKey(kind: KeyKind = "p256"): Promise<TestKey> {
  const algorithm =
    kind === "p256" || kind === "p384"
      ? { name: "ECDSA", namedCurve: kind === "p256" ? "P-256" : "P-384" }
      : kind === "ed25519"
        ? { name: "Ed25519" }
        : { name: "RSASSA-PKCS1-v1_5", modulusLength: kind === "rsa2048" ? 2048 : 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" };
  const pair = (await subtle.generateKey(algorithm, true, ["sign", "verify"])) as CryptoKeyPair;
  return { kind, pair };
}

export interface CertOptions {
  subject: string;
  /** Signing certificate; omitted = self-signed. */
  issuer?: TestCert;
  key?: TestKey;
  notBefore?: Date;
  notAfter?: Date;
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

export const CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
export const SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
const KU = x509.KeyUsageFlags;

export async function makeCert(o: CertOptions): Promise<TestCert> {
  const key = o.key ?? (await newKey());
  const isCa = o.ca === true;
  const extensions: x509.Extension[] = [];
  if (o.ca !== "omit") extensions.push(new x509.BasicConstraintsExtension(isCa, isCa ? o.pathLen : undefined, true));
  const keyUsage = o.keyUsage ?? (isCa ? KU.keyCertSign | KU.cRLSign : KU.digitalSignature);
  if (keyUsage !== "omit") extensions.push(new x509.KeyUsagesExtension(keyUsage, true));
  const eku = o.eku ?? (isCa ? "omit" : [CLIENT_AUTH]);
  if (eku !== "omit") extensions.push(new x509.ExtendedKeyUsageExtension(eku, false));
  extensions.push(await x509.SubjectKeyIdentifierExtension.create(key.pair.publicKey));
  if (o.issuer && !o.omitAki) extensions.push(await x509.AuthorityKeyIdentifierExtension.create(o.issuer.key.pair.publicKey));
  extensions.push(...(o.extensions ?? []));

  const signer = o.issuer?.key ?? key;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: o.serial ?? randomSerial(),
    subject: o.subject,
    issuer: o.issuerName ?? (o.issuer ? o.issuer.cert.subject : o.subject),
    notBefore: o.notBefore ?? new Date(NOW.getTime() - 30 * DAY),
    notAfter: o.notAfter ?? new Date(NOW.getTime() + 365 * DAY),
    publicKey: key.pair.publicKey,
    signingKey: signer.pair.privateKey,
    signingAlgorithm: signingAlgorithm(signer.kind, o.signingHash ?? "SHA-256"),
    extensions,
  });
  const der = new Uint8Array(cert.rawData);
  return { cert, der, pem: cert.toString("pem"), key };
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

export interface Chain {
  root: TestCert;
  intermediate: TestCert;
  leaf: TestCert;
}

/** root → intermediate → client certificate, all valid at NOW. */
export async function makeChain(kind: KeyKind = "p256", names = "Test"): Promise<Chain> {
  const root = await makeCert({ subject: `CN=${names} Root CA, O=Renewal Desk Tests`, ca: true, key: await newKey(kind) });
  const intermediate = await makeCert({ subject: `CN=${names} Issuing CA, O=Renewal Desk Tests`, ca: true, pathLen: 0, issuer: root, key: await newKey(kind) });
  const leaf = await makeCert({ subject: `CN=${names} client, O=Customer`, issuer: intermediate, key: await newKey(kind) });
  return { root, intermediate, leaf };
}

/** Upload parts from PEM text or DER bytes, as the app receives them. */
export function part(content: string | Uint8Array, name?: string): { name?: string; bytes: Uint8Array } {
  return { name, bytes: typeof content === "string" ? new TextEncoder().encode(content) : content };
}

export function pems(...certs: TestCert[]): string {
  return certs.map((c) => c.pem).join("\n");
}

/** Minimal DER encoder for extensions @peculiar/x509 has no class for. */
export function tlv(tag: number, ...contents: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const body = Buffer.concat(contents);
  const length = body.length < 0x80 ? [body.length] : body.length < 0x100 ? [0x81, body.length] : [0x82, body.length >> 8, body.length & 0xff];
  return new Uint8Array([tag, ...length, ...body]);
}

const ascii = (s: string) => new Uint8Array(Buffer.from(s, "latin1"));

export interface Subtrees {
  dns?: string[];
  email?: string[];
  /** Distinguished names as DER (e.g. `new x509.Name("CN=foo").toArrayBuffer()`). */
  dn?: Uint8Array[];
}

/** A nameConstraints extension (RFC 5280 4.2.1.10). */
export function nameConstraints(permitted: Subtrees, excluded: Subtrees = {}, critical = true): x509.Extension {
  const subtrees = (s: Subtrees) => [
    ...(s.dns ?? []).map((d) => tlv(0x30, tlv(0x82, ascii(d)))),
    ...(s.email ?? []).map((e) => tlv(0x30, tlv(0x81, ascii(e)))),
    ...(s.dn ?? []).map((n) => tlv(0x30, tlv(0xa4, n))),
  ];
  const p = subtrees(permitted);
  const e = subtrees(excluded);
  const value = tlv(0x30, ...(p.length ? [tlv(0xa0, ...p)] : []), ...(e.length ? [tlv(0xa1, ...e)] : []));
  return new x509.Extension("2.5.29.30", critical, value);
}

export function san(...dns: string[]): x509.Extension {
  return new x509.SubjectAlternativeNameExtension(dns.map((value) => ({ type: value.includes("@") ? ("email" as const) : ("dns" as const), value })));
}

/** root → intermediate → client certificate valid around the real current time (for tests of the app, which checks "now"). */
export async function makeCurrentChain(names = "Current"): Promise<Chain> {
  const notBefore = new Date(Date.now() - DAY);
  const notAfter = new Date(Date.now() + 365 * DAY);
  const root = await makeCert({ subject: `CN=${names} Root CA, O=Renewal Desk Tests`, ca: true, notBefore, notAfter: new Date(Date.now() + 3650 * DAY) });
  const intermediate = await makeCert({ subject: `CN=${names} Issuing CA, O=Renewal Desk Tests`, ca: true, pathLen: 0, issuer: root, notBefore, notAfter });
  const leaf = await makeCert({ subject: `CN=${names} client, O=Customer`, issuer: intermediate, notBefore, notAfter });
  return { root, intermediate, leaf };
}
