import { OID } from "./der/oids";
import type { ParsedCertificate } from "./certificate/parse";
import { verifySignature } from "./certificate/signature-algorithm";
import { bytesEqual } from "./der/reader";
import { classify } from "./classify";
import { type CertificateRole, type Finding, type FindingCode, finding } from "./findings";
import { type UploadPart, intake } from "./intake";
import { certificateProblems } from "./path/certificate-checks";
import type { PathOptions, PathResult } from "./path/types";
import { validatePath } from "./path/validate-path";
import { type CertificateSummary, daysLeft, summarize } from "./summary";

/**
 * Which certificate a procedure expects: a TLS client or server certificate, and how its CA relates to the old one's
 * ("different": a new CA is the point; "same": a new CA means the wrong procedure; "any": either is fine).
 * Every procedure requires a new key pair.
 */
export interface RenewalPolicy {
  purpose: "client" | "server";
  ca: "different" | "same" | "any";
}

/** The tenant client certificate from a new CA: the procedure Renewal Desk began with, and the default. */
export const NEW_CA_CLIENT_POLICY: RenewalPolicy = { purpose: "client", ca: "different" };

export interface RenewalInput {
  /** The new certificate, optionally with its intermediates (and root). */
  newLeaf: UploadPart[];
  /** The new root CA certificate the receiver will be asked to trust. */
  newRoot?: UploadPart[];
  /** The client certificate being replaced, to compare keys, CA and subject. */
  oldLeaf?: UploadPart[];
  oldRoot?: UploadPart[];
  /** Point in time to check against; defaults to now. */
  at?: Date;
  policy?: RenewalPolicy;
}

/** One certificate of the chain picture, client certificate first, root last. */
export interface ChainLink {
  /** Index into `certificates`. */
  certificate: number;
  role: CertificateRole;
  subject: string;
  /** Signature checked with the next link's key; null for the root (trusted as uploaded). */
  signatureVerified: boolean | null;
  ok: boolean;
  problems: { code: FindingCode; message: string }[];
}

export interface RenewalResult {
  accepted: boolean;
  errors: Finding[];
  warnings: Finding[];
  certificates: CertificateSummary[];
  chain: ChainLink[];
}

/** A TLS leaf must sign the handshake and name its purpose. */
function leafOptions(purpose: RenewalPolicy["purpose"]) {
  return {
    requiredEku: purpose === "client" ? OID.clientAuth : OID.serverAuth,
    requiredLeafKeyUsage: ["digitalSignature" as const],
    leafNoun: `${purpose} certificate`,
  };
}
const EXPIRES_SOON_DAYS = 30;

/**
 * Validates the certificates of a renewal: the new certificate must chain to the uploaded root through the supplied
 * intermediates and be fit for its TLS purpose (the policy's); compared with the old certificate it must have a new
 * key, and its CA must relate to the old one's as the policy says. Never throws; every problem is a finding.
 */
export function validateRenewal(input: RenewalInput): RenewalResult {
  const at = input.at ?? new Date();
  const policy = input.policy ?? NEW_CA_CLIENT_POLICY;
  const options: PathOptions = { time: at, ...leafOptions(policy.purpose) };
  const noun = `${policy.purpose} certificate`;

  const uploads = {
    newLeaf: readUpload(`New ${noun}`, input.newLeaf),
    newRoot: input.newRoot?.length ? readUpload("New root certificate", input.newRoot) : undefined,
    oldLeaf: input.oldLeaf?.length ? readUpload(`Old ${noun}`, input.oldLeaf) : undefined,
    oldRoot: input.oldRoot?.length ? readUpload("Old root certificate", input.oldRoot) : undefined,
  };
  const intakeErrors = Object.values(uploads).flatMap((u) => (u && !u.ok ? u.errors : []));
  const privateKey = intakeErrors.find((e) => e.code === "PRIVATE_KEY_PRESENT");
  if (privateKey) return { accepted: false, errors: [privateKey], warnings: [], certificates: [], chain: [] };
  if (intakeErrors.length || !uploads.newLeaf.ok || (uploads.newRoot && !uploads.newRoot.ok)) {
    return { accepted: false, errors: intakeErrors, warnings: [], certificates: [], chain: [] };
  }

  const report = new Report(at, noun);
  const leafUpload = classify(uploads.newLeaf.certificates);
  if (!leafUpload.leaf) {
    leafUpload.leafCandidates.forEach((c) => report.add(c, "leaf", false));
    const names = leafUpload.leafCandidates.map((c) => `"${c.subjectText}"`).join(", ");
    report.error(
      "AMBIGUOUS_LEAF",
      `The upload contains more than one certificate that could be the ${noun} (${names}). Upload one ${noun}, with its intermediate and root certificates only.`,
    );
    return report.result();
  }
  const leaf = leafUpload.leaf;

  // Trust comes from the root upload; without one, from a root bundled with the leaf.
  const rootCerts = uploads.newRoot?.ok ? uploads.newRoot.certificates : leafUpload.roots;
  const selfIssued = rootCerts.filter((c) => c.selfIssued);
  const anchors = selfIssued.length ? selfIssued : rootCerts;
  const pool = unique(
    [...leafUpload.intermediates, ...leafUpload.roots, ...rootCerts].filter(
      (c) => !anchors.some((a) => a.sha256 === c.sha256),
    ),
  );

  const path = anchors.length ? validatePath({ leaf, intermediates: pool, anchors }, options) : undefined;
  const chainCerts = path?.path ?? [leaf];

  // Summaries: the chain first (leaf → root), then the rest of what was uploaded.
  chainCerts.forEach((c, i) => report.add(c, i === 0 ? "leaf" : anchors.includes(c) ? "root" : "intermediate", true));
  anchors.forEach((c) => report.add(c, "root", false));
  pool.forEach((c) => report.add(c, c.selfIssued && c.decoded.basicConstraints?.ca ? "root" : "intermediate", false));

  if (!path)
    report.error(
      "NOT_SIGNED_BY_ROOT",
      "No root certificate was uploaded. Upload the new root CA certificate so that the chain can be checked.",
    );
  for (const p of certificateProblems(leaf, "leaf", options)) report.error(p.code, p.message, leaf);
  if (leaf.decoded.basicConstraints?.ca)
    report.error(
      "LEAF_IS_CA",
      `The ${noun} is a CA certificate (basicConstraints cA is set). A ${noun} must be an end-entity certificate.`,
      leaf,
    );
  for (const anchor of anchors) {
    for (const p of certificateProblems(anchor, "anchor", options)) report.error(p.code, p.message, anchor);
    const notSelfSigned = selfSignatureProblem(anchor);
    if (notSelfSigned) report.error("ROOT_NOT_SELF_SIGNED", notSelfSigned, anchor);
  }
  for (const p of path?.problems ?? []) report.error(p.code, p.message, path!.path[p.position]);

  for (const cert of chainCerts.length > 1 ? chainCerts : [leaf, ...anchors]) {
    const days = daysLeft(cert, at);
    if (days >= 0 && days < EXPIRES_SOON_DAYS) {
      report.warning(
        "EXPIRES_SOON",
        `The ${report.noun(cert)} expires in ${days} day${days === 1 ? "" : "s"} (${cert.notAfter.toISOString()}).`,
        cert,
      );
    }
  }

  const oldUpload = uploads.oldLeaf?.ok ? classify(uploads.oldLeaf.certificates) : undefined;
  const oldLeaf = oldUpload?.leaf;
  if (oldUpload && !oldLeaf) {
    report.error(
      "AMBIGUOUS_LEAF",
      `Old ${noun}: the upload contains more than one certificate that could be the old ${noun}. Upload only the certificate being replaced.`,
    );
  }
  const oldRootUpload = uploads.oldRoot?.ok ? uploads.oldRoot.certificates : undefined;
  const oldRoot = oldRootUpload?.find((c) => c.selfIssued) ?? oldRootUpload?.[0];
  if (oldLeaf) report.add(oldLeaf, "old-leaf", false);
  if (oldRoot) report.add(oldRoot, "old-root", false);
  compareWithOld(report, policy, leaf, anchors, oldLeaf, oldRoot);

  return report.result(path);
}

function readUpload(what: string, parts: UploadPart[]) {
  const result = intake(parts);
  if (result.ok) return result;
  return { ok: false as const, errors: result.errors.map((e) => ({ ...e, message: `${what}: ${e.message}` })) };
}

function unique(certs: ParsedCertificate[]): ParsedCertificate[] {
  return certs.filter((c, i) => certs.findIndex((o) => o.sha256 === c.sha256) === i);
}

function selfSignatureProblem(root: ParsedCertificate): string | undefined {
  if (!root.selfIssued) {
    return `The root certificate is not self-signed: it was issued by "${root.issuerText}". Upload the top-level root CA certificate instead.`;
  }
  if (!verifySignature(root.signatureAlgorithm, root.publicKey, root.tbs, root.signature)) {
    return "The root certificate names itself as issuer, but its signature does not verify with its own key.";
  }
  return undefined;
}

function compareWithOld(
  report: Report,
  policy: RenewalPolicy,
  leaf: ParsedCertificate,
  anchors: ParsedCertificate[],
  oldLeaf?: ParsedCertificate,
  oldRoot?: ParsedCertificate,
): void {
  if (oldLeaf && bytesEqual(oldLeaf.publicKey.spki, leaf.publicKey.spki)) {
    report.error(
      "SAME_KEY_AS_OLD",
      `The new ${report.leafNoun} uses the same public key as the old one. This procedure requires a new key pair: generate a new key and have it certified.`,
      leaf,
    );
  }
  if (oldLeaf && oldLeaf.subject.key !== leaf.subject.key) {
    report.warning(
      "SUBJECT_CHANGED",
      `The subject changes from "${oldLeaf.subjectText}" to "${leaf.subjectText}". Receivers that map the certificate to a user by subject must be updated.`,
      leaf,
    );
  }
  const sameRoot =
    oldRoot &&
    anchors.some((a) => a.subject.key === oldRoot.subject.key && bytesEqual(a.publicKey.spki, oldRoot.publicKey.spki));
  const oldAki = oldLeaf?.decoded.authorityKeyId?.keyId;
  const newAki = leaf.decoded.authorityKeyId?.keyId;
  const sameIssuer =
    oldLeaf && oldLeaf.issuer.key === leaf.issuer.key && (!oldAki || !newAki || bytesEqual(oldAki, newAki));
  if (policy.ca === "same" && !oldLeaf && !oldRoot) {
    report.warning(
      "CA_NOT_COMPARED",
      "This case has no old certificate, so Renewal Desk cannot confirm that the CA stayed the same. If it changed, the other side must first trust the new root: start a case for a change of CA instead.",
      leaf,
    );
  }
  if (policy.ca === "same" && (oldLeaf || oldRoot) && !sameRoot && !sameIssuer) {
    report.error(
      "CA_CHANGED",
      `The new certificate is issued by "${leaf.issuerText}", ${oldLeaf ? `the old one by "${oldLeaf.issuerText}"` : "and its root is not the old root"}. This procedure is for a renewal under the same CA, where nobody's trust store changes; with a new CA the other side must first trust the new root. Start a case for a change of CA instead.`,
      leaf,
    );
  }
  if (policy.ca === "different" && (sameRoot || sameIssuer)) {
    report.warning(
      "SAME_CA_AS_OLD",
      policy.purpose === "client"
        ? "The new certificate comes from the same CA as the old one. This procedure is for a change of CA; a renewal under the same CA is simpler (the receiver's trust store does not change)."
        : "The new certificate comes from the same CA as the old one. This procedure is for a change of CA; under the same CA nobody has to trust a new root.",
      leaf,
    );
  }
}

/** Collects summaries and findings, each certificate listed once. */
class Report {
  private readonly entries: { cert: ParsedCertificate; role: CertificateRole; inChain: boolean }[] = [];
  private readonly errors: Finding[] = [];
  private readonly warnings: Finding[] = [];
  private readonly seen = new Set<string>();

  constructor(
    private readonly at: Date,
    readonly leafNoun: string,
  ) {}

  add(cert: ParsedCertificate, role: CertificateRole, inChain: boolean): void {
    // Old certificates are listed even when identical to a new one (that is itself a finding).
    const duplicate = this.entries.some(
      (e) => e.cert.sha256 === cert.sha256 && e.role.startsWith("old") === role.startsWith("old"),
    );
    if (!duplicate) this.entries.push({ cert, role, inChain });
  }

  indexOf(cert: ParsedCertificate): number {
    return this.entries.findIndex((e) => e.cert.sha256 === cert.sha256);
  }

  roleOf(cert: ParsedCertificate): CertificateRole {
    return this.entries[this.indexOf(cert)]?.role ?? "intermediate";
  }

  noun(cert: ParsedCertificate): string {
    return {
      leaf: this.leafNoun,
      intermediate: "intermediate certificate",
      root: "root certificate",
      "old-leaf": `old ${this.leafNoun}`,
      "old-root": "old root certificate",
    }[this.roleOf(cert)];
  }

  error(code: FindingCode, message: string, cert?: ParsedCertificate): void {
    this.push(this.errors, code, message, cert);
  }

  warning(code: FindingCode, message: string, cert?: ParsedCertificate): void {
    this.push(this.warnings, code, message, cert);
  }

  private push(list: Finding[], code: FindingCode, message: string, cert?: ParsedCertificate): void {
    const index = cert ? this.indexOf(cert) : -1;
    const key = `${code}|${index}|${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    list.push(finding(code, message, index >= 0 ? { role: this.entries[index]!.role, index } : undefined));
  }

  /** The chain picture shows, per certificate of the (attempted) path, every error reported about it. */
  result(path?: PathResult): RenewalResult {
    const chain: ChainLink[] = (path?.links ?? []).map((link) => {
      const cert = path!.path[link.position]!;
      const index = this.indexOf(cert);
      const problems = this.errors
        .filter((e) => e.certificate?.index === index)
        .map(({ code, message }) => ({ code, message }));
      return {
        certificate: index,
        role: this.roleOf(cert),
        subject: cert.subjectText,
        signatureVerified: link.signatureVerified,
        ok: problems.length === 0,
        problems,
      };
    });
    return {
      accepted: this.errors.length === 0,
      errors: this.errors,
      warnings: this.warnings,
      certificates: this.entries.map((e) => summarize(e.cert, e.role, e.inChain, this.at)),
      chain,
    };
  }
}
