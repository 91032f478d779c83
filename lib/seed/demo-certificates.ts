import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { webcrypto } from "node:crypto";

x509.cryptoProvider.set(webcrypto as unknown as Crypto);
const ALGORITHM = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;
const DAY = 86_400_000;

interface Issued {
  pem: string;
  keys: CryptoKeyPair;
  cert: x509.X509Certificate;
}

async function issue(subject: string, options: { issuer?: Issued; ca: boolean; days: number }): Promise<Issued> {
  const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ["sign", "verify"])) as CryptoKeyPair;
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(options.ca, undefined, true),
    new x509.KeyUsagesExtension(options.ca ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign : x509.KeyUsageFlags.digitalSignature, true),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
  ];
  if (!options.ca) extensions.push(new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth], false));
  if (options.issuer) extensions.push(await x509.AuthorityKeyIdentifierExtension.create(options.issuer.keys.publicKey));
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(16))).toString("hex").replace(/^[89a-f]/, "1"),
    subject,
    issuer: options.issuer?.cert.subject ?? subject,
    notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + options.days * DAY),
    signingAlgorithm: ALGORITHM,
    publicKey: keys.publicKey,
    signingKey: (options.issuer?.keys ?? keys).privateKey,
    extensions,
  });
  return { pem: cert.toString("pem"), keys, cert };
}

/**
 * Certificates for the demo cases, made at seed time (the private keys stay in memory and are dropped):
 * an old CA with the client certificate being replaced, and a new CA with an intermediate and the new one.
 */
export async function demoCertificates() {
  const oldRoot = await issue("CN=Old Corporate Root CA,O=Demo Customer", { ca: true, days: 3650 });
  const oldLeaf = await issue("CN=cpi-tenant-client,O=Demo Customer", { issuer: oldRoot, ca: false, days: 20 });
  const newRoot = await issue("CN=New Trust Services Root CA,O=New Trust Services", { ca: true, days: 3650 });
  const intermediate = await issue("CN=New Trust Services Issuing CA 1,O=New Trust Services", { issuer: newRoot, ca: true, days: 1825 });
  const newLeaf = await issue("CN=cpi-tenant-client,O=Demo Customer", { issuer: intermediate, ca: false, days: 395 });
  return { oldLeaf: oldLeaf.pem, oldRoot: oldRoot.pem, newLeafChain: newLeaf.pem + intermediate.pem, newRoot: newRoot.pem };
}
