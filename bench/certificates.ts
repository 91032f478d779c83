/**
 * Certificate validation throughput and the cost of an adversarial upload.
 *   npm run bench:certificates
 * Certificates are generated here with @peculiar/x509 and WebCrypto keys.
 */
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { webcrypto } from "node:crypto";
import { parseCertificate, validatePath, validateRenewal, type ParsedCertificate } from "@/lib/certificates";
import { OID } from "@/lib/certificates/der/oids";

x509.cryptoProvider.set(webcrypto as unknown as Crypto);
const subtle = webcrypto.subtle as unknown as SubtleCrypto;
const NOW = new Date();
const YEAR = 365 * 24 * 60 * 60 * 1000;

type Kind = "RSA-2048" | "P-256";

async function keys(kind: Kind): Promise<CryptoKeyPair> {
  const algorithm = kind === "P-256"
    ? { name: "ECDSA", namedCurve: "P-256" }
    : { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" };
  return (await subtle.generateKey(algorithm, true, ["sign", "verify"])) as CryptoKeyPair;
}

async function issue(subject: string, pair: CryptoKeyPair, issuer: { name: string; pair: CryptoKeyPair } | undefined, ca: boolean, kind: Kind): Promise<string> {
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
    notBefore: new Date(NOW.getTime() - YEAR),
    notAfter: new Date(NOW.getTime() + YEAR),
    publicKey: pair.publicKey,
    signingKey: signer.pair.privateKey,
    signingAlgorithm: kind === "P-256" ? ({ name: "ECDSA", hash: "SHA-256" } as Algorithm) : { name: "RSASSA-PKCS1-v1_5" },
    extensions,
  });
  return cert.toString("pem");
}

async function chain(kind: Kind): Promise<{ root: string; intermediate: string; leaf: string }> {
  const [rootKeys, intKeys, leafKeys] = [await keys(kind), await keys(kind), await keys(kind)];
  const root = await issue("CN=Bench Root", rootKeys, undefined, true, kind);
  const intermediate = await issue("CN=Bench Issuing CA", intKeys, { name: "CN=Bench Root", pair: rootKeys }, true, kind);
  const leaf = await issue("CN=bench-client", leafKeys, { name: "CN=Bench Issuing CA", pair: intKeys }, false, kind);
  return { root, intermediate, leaf };
}

const text = (s: string) => ({ bytes: new TextEncoder().encode(s) });

function parse(pem: string): ParsedCertificate {
  const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ""), "base64");
  const parsed = parseCertificate(der);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.certificate;
}

/** Runs `fn` repeatedly for about `ms` milliseconds; returns operations per second. */
function rate(fn: () => void, ms = 1500): number {
  for (let i = 0; i < 20; i++) fn(); // warm-up
  let count = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    fn();
    count++;
  }
  return Math.round((count * 1000) / (performance.now() - start));
}

async function main(): Promise<void> {
  const summary: Record<string, number> = {};
  for (const kind of ["RSA-2048", "P-256"] as const) {
    const c = await chain(kind);
    // Full renewal check from PEM text: intake, parsing, path building, policy, summaries.
    const fullRate = rate(() => {
      const r = validateRenewal({ newLeaf: [text(c.leaf + c.intermediate)], newRoot: [text(c.root)], at: NOW });
      if (!r.accepted) throw new Error(JSON.stringify(r.errors));
    });
    // Path validation alone on parsed certificates (what a cached re-check costs).
    const [leaf, intermediate, root] = [parse(c.leaf), parse(c.intermediate), parse(c.root)];
    const pathRate = rate(() => {
      const r = validatePath({ leaf, intermediates: [intermediate], anchors: [root] }, { time: NOW, requiredEku: OID.clientAuth });
      if (!r.valid) throw new Error("chain should validate");
    });
    console.log(`${kind} chain (root → intermediate → leaf): ${fullRate} full renewal checks/s, ${pathRate} path validations/s`);
    summary[`${kind}_renewal_checks_per_s`] = fullRate;
    summary[`${kind}_path_validations_per_s`] = pathRate;
  }

  // Adversarial upload: a leaf plus 9 CA certificates that all share one subject name and
  // sign each other's names, none of them leading to the uploaded root.
  const rootKeys = await keys("P-256");
  const root = await issue("CN=Real Root", rootKeys, undefined, true, "P-256");
  const floods: string[] = [];
  let previous: { name: string; pair: CryptoKeyPair } | undefined;
  for (let i = 0; i < 9; i++) {
    const pair = await keys("P-256");
    floods.push(await issue("CN=Same Subject CA", pair, previous ?? { name: "CN=Same Subject CA", pair }, true, "P-256"));
    previous = { name: "CN=Same Subject CA", pair };
  }
  const leaf = await issue("CN=flood-client", await keys("P-256"), previous, false, "P-256");
  const start = performance.now();
  const result = validateRenewal({ newLeaf: [text([leaf, ...floods].join(""))], newRoot: [text(root)], at: NOW });
  const adversarialMs = Math.round((performance.now() - start) * 100) / 100;
  const rejected = result.errors.some((e) => e.code === "NOT_SIGNED_BY_ROOT");
  console.log(`adversarial upload (10 certificates, one subject): ${adversarialMs} ms, ${rejected ? "rejected with NOT_SIGNED_BY_ROOT" : "NOT rejected"} (limit 250 ms)`);
  summary.adversarial_10_same_subject_ms = adversarialMs;

  console.log(JSON.stringify({ bench: "certificates", ...summary, adversarial_under_250ms: adversarialMs < 250 && rejected }));
  if (adversarialMs >= 250 || !rejected) process.exitCode = 1;
}

void main();
