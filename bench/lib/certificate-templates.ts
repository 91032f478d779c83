/**
 * A handful of real certificate sets (old chain from the old CA, new chain from the new CA), generated once per
 * seed run with @peculiar/x509 and run through the app's own validation (`validateRenewal`), so the stored
 * summaries, chain pictures and warnings have exactly the shape the app writes. The seed reuses their DER and
 * summaries and varies the per-row columns (serial, fingerprints, validity).
 */
import { issueCertificate, type IssuedCertificate } from "@/lib/certificates/issue";
import { validateRenewal, type CertificateSummary, type ChainLink, type Finding } from "@/lib/certificates";

const DAY = 86_400_000;

type KeyKind = "RSA-2048" | "P-256";
const KEY_KIND = { "RSA-2048": "rsa2048", "P-256": "p256" } as const;

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

function issue(
  subject: string,
  kind: KeyKind,
  issuer: IssuedCertificate | undefined,
  ca: boolean,
  notBefore: Date,
  notAfter: Date,
): Promise<IssuedCertificate> {
  return issueCertificate({ subject, keyKind: KEY_KIND[kind], issuer, ca, notBefore, notAfter });
}

const part = (name: string, pem: string) => ({ name, bytes: new TextEncoder().encode(pem) });

function derOf(summary: CertificateSummary): Buffer {
  return Buffer.from(summary.pem.replace(/-----[^-]+-----|\s/g, ""), "base64");
}

async function template(index: number, kind: KeyKind, now: Date): Promise<CertificateTemplate> {
  const from = new Date(now.getTime() - 400 * DAY);
  const oldRoot = await issue(
    `CN=Old Corporate Root CA ${index}, O=Example Corp, C=DE`,
    kind,
    undefined,
    true,
    from,
    new Date(now.getTime() + 3650 * DAY),
  );
  const oldLeaf = await issue(
    `CN=tenant-client-${index}, OU=Integration, O=Example Corp, C=DE`,
    kind,
    oldRoot,
    false,
    from,
    new Date(now.getTime() + 20 * DAY),
  );
  const newRoot = await issue(
    `CN=New Trust Services Root ${index}, O=New CA Ltd, C=NL`,
    kind,
    undefined,
    true,
    from,
    new Date(now.getTime() + 3650 * DAY),
  );
  const intermediate = await issue(
    `CN=New Trust Services Issuing CA ${index}, O=New CA Ltd, C=NL`,
    kind,
    newRoot,
    true,
    from,
    new Date(now.getTime() + 1825 * DAY),
  );
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
  if (!result.accepted)
    throw new Error(`certificate template ${index} was not accepted: ${JSON.stringify(result.errors)}`);
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
