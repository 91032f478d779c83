/**
 * A handful of real certificate sets (old chain from the old CA, new chain from the new CA), generated once per
 * seed run with @peculiar/x509 and run through the app's own validation (`validateRenewal`), so the stored
 * summaries, chain pictures and warnings have exactly the shape the app writes. The seed reuses their DER and
 * summaries and varies the per-row columns (serial, fingerprints, validity).
 */
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { webcrypto } from "node:crypto";
import { validateRenewal, type CertificateSummary, type ChainLink, type Finding } from "@/lib/certificates";
import { OID } from "@/lib/certificates/der/oids";

x509.cryptoProvider.set(webcrypto as unknown as Crypto);
const subtle = webcrypto.subtle as unknown as SubtleCrypto;
const DAY = 86_400_000;

type KeyKind = "RSA-2048" | "P-256";

export interface TemplateCertificate {
  summary: CertificateSummary;
  der: Buffer;
}

export interface CertificateTemplate {
  kind: KeyKind;
  /** leaf, intermediate, root: what an accepted NEW upload stores. */
  newSet: TemplateCertificate[];
  newChain: ChainLink[];
  newWarnings: Finding[];
  /** old-leaf, old-root: what the OLD upload given with the case stores. */
  oldSet: TemplateCertificate[];
}

async function keys(kind: KeyKind): Promise<CryptoKeyPair> {
  const algorithm =
    kind === "P-256"
      ? { name: "ECDSA", namedCurve: "P-256" }
      : { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" };
  return (await subtle.generateKey(algorithm, true, ["sign", "verify"])) as CryptoKeyPair;
}

interface Issued {
  name: string;
  pair: CryptoKeyPair;
  pem: string;
}

async function issue(subject: string, kind: KeyKind, issuer: Issued | undefined, ca: boolean, notBefore: Date, notAfter: Date): Promise<Issued> {
  const pair = await keys(kind);
  const signer = issuer ?? { name: subject, pair };
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(ca, undefined, true),
    new x509.KeyUsagesExtension(ca ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign : x509.KeyUsageFlags.digitalSignature, true),
    await x509.SubjectKeyIdentifierExtension.create(pair.publicKey),
  ];
  if (!ca) extensions.push(new x509.ExtendedKeyUsageExtension([OID.clientAuth]));
  if (issuer) extensions.push(await x509.AuthorityKeyIdentifierExtension.create(issuer.pair.publicKey));
  const cert = await x509.X509CertificateGenerator.create({
    subject,
    issuer: signer.name,
    notBefore,
    notAfter,
    publicKey: pair.publicKey,
    signingKey: signer.pair.privateKey,
    signingAlgorithm: kind === "P-256" ? ({ name: "ECDSA", hash: "SHA-256" } as Algorithm) : { name: "RSASSA-PKCS1-v1_5" },
    extensions,
  });
  return { name: subject, pair, pem: cert.toString("pem") };
}

const part = (name: string, pem: string) => ({ name, bytes: new TextEncoder().encode(pem) });

function derOf(summary: CertificateSummary): Buffer {
  return Buffer.from(summary.pem.replace(/-----[^-]+-----|\s/g, ""), "base64");
}

async function template(index: number, kind: KeyKind, now: Date): Promise<CertificateTemplate> {
  const from = new Date(now.getTime() - 400 * DAY);
  const oldRoot = await issue(`CN=Old Corporate Root CA ${index}, O=Example Corp, C=DE`, kind, undefined, true, from, new Date(now.getTime() + 3650 * DAY));
  const oldLeaf = await issue(`CN=tenant-client-${index}, OU=Integration, O=Example Corp, C=DE`, kind, oldRoot, false, from, new Date(now.getTime() + 20 * DAY));
  const newRoot = await issue(`CN=New Trust Services Root ${index}, O=New CA Ltd, C=NL`, kind, undefined, true, from, new Date(now.getTime() + 3650 * DAY));
  const intermediate = await issue(`CN=New Trust Services Issuing CA ${index}, O=New CA Ltd, C=NL`, kind, newRoot, true, from, new Date(now.getTime() + 1825 * DAY));
  const leaf = await issue(
    `CN=tenant-client-${index}, OU=Integration, O=Example Corp, C=DE`,
    kind,
    intermediate,
    false,
    new Date(now.getTime() - DAY),
    new Date(now.getTime() + 365 * DAY),
  );
  const result = validateRenewal({
    newLeaf: [part("client.pem", leaf.pem + intermediate.pem)],
    newRoot: [part("root.pem", newRoot.pem)],
    oldLeaf: [part("old-client.pem", oldLeaf.pem)],
    oldRoot: [part("old-root.pem", oldRoot.pem)],
    at: now,
  });
  if (!result.accepted) throw new Error(`certificate template ${index} was not accepted: ${JSON.stringify(result.errors)}`);
  const withDer = (summary: CertificateSummary): TemplateCertificate => ({ summary, der: derOf(summary) });
  const newSet = result.certificates.filter((c) => !c.role.startsWith("old-")).map(withDer);
  const oldSet = result.certificates.filter((c) => c.role.startsWith("old-")).map(withDer);
  if (newSet.length !== 3 || oldSet.length !== 2) {
    throw new Error(`unexpected certificate roles: ${result.certificates.map((c) => c.role).join(", ")}`);
  }
  return { kind, newSet, newChain: result.chain, newWarnings: result.warnings, oldSet };
}

/** Four sets: two RSA-2048, two P-256. Takes about a second. */
export async function certificateTemplates(now: Date): Promise<CertificateTemplate[]> {
  const kinds: KeyKind[] = ["RSA-2048", "P-256", "RSA-2048", "P-256"];
  return Promise.all(kinds.map((kind, index) => template(index + 1, kind, now)));
}
