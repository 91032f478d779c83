import { bytesEqual } from "../der/reader";
import type { ParsedCertificate } from "../certificate/parse";
import { verifySignature } from "../certificate/signature-algorithm";
import { certificateProblems } from "./certificate-checks";
import { nameConstraintViolation } from "./name-constraints";
import type { ChainLink, PathInput, PathOptions, PathPosition, PathResult, Problem, SearchLimits } from "./types";

export const DEFAULT_LIMITS: SearchLimits = { maxSignatureChecks: 200, maxCompletePaths: 32, maxDepth: 12 };

/**
 * Finds a certification path from the leaf to one of the anchors and validates it
 * (RFC 5280 section 6, with the profile checks in certificate-checks.ts).
 *
 * Search: depth-first with backtracking. Issuer candidates are looked up by normalized
 * subject name, skipped when key identifiers disagree, and accepted only when the
 * signature verifies. A path never repeats a certificate or a (subject, key) pair, which
 * cuts cycles and same-subject/same-key floods. Every complete path (signatures link the
 * leaf to an anchor) is then validated in full; the first clean one wins, otherwise the
 * one with the fewest problems is reported. Work is capped by `limits`.
 */
export function validatePath(input: PathInput, options: PathOptions): PathResult {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const anchors = new Set(input.anchors.map((a) => a.sha256));
  const bySubject = new Map<string, ParsedCertificate[]>();
  const seenCerts = new Set<string>();
  // Anchors first so that a path stops at the first trusted certificate it meets.
  for (const cert of [...input.anchors, ...input.intermediates]) {
    if (seenCerts.has(cert.sha256)) continue;
    seenCerts.add(cert.sha256);
    const list = bySubject.get(cert.subject.key) ?? [];
    list.push(cert);
    bySubject.set(cert.subject.key, list);
  }

  const stats = { signatureChecks: 0, completePaths: 0, limitReached: false };
  const signatureCache = new Map<string, boolean>();
  const signedBy = (child: ParsedCertificate, issuer: ParsedCertificate): boolean => {
    const key = `${child.sha256}/${issuer.sha256}`;
    let ok = signatureCache.get(key);
    if (ok === undefined) {
      stats.signatureChecks++;
      ok = verifySignature(child.signatureAlgorithm, issuer.publicKey, child.tbs, child.signature);
      signatureCache.set(key, ok);
    }
    return ok;
  };

  let best: { path: ParsedCertificate[]; problems: Problem[] } | undefined;
  let longestPartial: ParsedCertificate[] = [input.leaf];

  const search = (path: ParsedCertificate[]): ParsedCertificate[] | undefined => {
    const current = path[path.length - 1]!;
    if (path.length > 1 && anchors.has(current.sha256)) {
      stats.completePaths++;
      const problems = pathProblems(path, options);
      if (problems.length === 0) return path;
      if (!best || problems.length < best.problems.length) best = { path: [...path], problems };
      return undefined;
    }
    if (path.length > longestPartial.length) longestPartial = [...path];
    if (path.length >= limits.maxDepth) return undefined;
    for (const candidate of issuerCandidates(current, bySubject, path)) {
      if (stats.signatureChecks >= limits.maxSignatureChecks || stats.completePaths >= limits.maxCompletePaths) {
        stats.limitReached = true;
        return undefined;
      }
      if (!signedBy(current, candidate)) continue;
      path.push(candidate);
      const found = search(path);
      if (found) return found;
      path.pop();
    }
    return undefined;
  };

  if (anchors.has(input.leaf.sha256)) {
    // A trusted leaf needs no issuer, but it is still checked as a leaf.
    const problems = pathProblems([input.leaf], options);
    return result(problems.length === 0, true, [input.leaf], problems, stats);
  }
  const found = search([input.leaf]);
  if (found) return result(true, true, found, [], stats);
  if (best) return result(false, true, best.path, best.problems, stats);

  const last = longestPartial[longestPartial.length - 1]!;
  const reason = stats.limitReached
    ? `The certificate chain could not be completed within the work limit (${stats.signatureChecks} signature checks).`
    : `No trusted root certificate was found that issued "${last.subjectText}" (its issuer is "${last.issuerText}").`;
  const problems: Problem[] = [{ code: "NOT_SIGNED_BY_ROOT", message: reason, position: longestPartial.length - 1 }];
  return result(false, false, longestPartial, problems, stats);
}

/** Certificates that may have issued `cert`: same name, and key identifiers / issuer serial not contradicting. */
function issuerCandidates(
  cert: ParsedCertificate,
  bySubject: Map<string, ParsedCertificate[]>,
  path: ParsedCertificate[],
): ParsedCertificate[] {
  const aki = cert.decoded.authorityKeyId;
  return (bySubject.get(cert.issuer.key) ?? []).filter((candidate) => {
    if (
      path.some(
        (p) =>
          p.sha256 === candidate.sha256 ||
          (p.subject.key === candidate.subject.key && bytesEqual(p.publicKey.spki, candidate.publicKey.spki)),
      )
    ) {
      return false;
    }
    const ski = candidate.decoded.subjectKeyId;
    if (aki?.keyId && ski && !bytesEqual(aki.keyId, ski)) return false;
    return !aki?.issuerSerial || bytesEqual(aki.issuerSerial, candidate.serial);
  });
}

function positionOf(index: number, length: number, reachedAnchor: boolean): PathPosition {
  if (index === 0) return "leaf";
  return reachedAnchor && index === length - 1 ? "anchor" : "intermediate";
}

/** All problems of a complete path: per certificate, then the path-wide rules. */
function pathProblems(path: ParsedCertificate[], options: PathOptions): Problem[] {
  const problems: Problem[] = [];
  path.forEach((cert, index) => {
    for (const p of certificateProblems(cert, positionOf(index, path.length, true), options))
      problems.push({ ...p, position: index });
  });
  problems.push(...pathLengthProblems(path, options));
  const nc = nameConstraintViolation(path);
  if (nc) problems.push({ code: "NAME_CONSTRAINTS_VIOLATED", message: `${nc}.`, position: 0 });
  return problems;
}

/** RFC 5280 6.1.4 (l)-(m): pathLenConstraint counts non-self-issued intermediates below a CA. */
function pathLengthProblems(path: ParsedCertificate[], options: PathOptions): Problem[] {
  const problems: Problem[] = [];
  const anchor = path[path.length - 1]!;
  let remaining = anchor.decoded.basicConstraints?.pathLen ?? Infinity;
  let counted = 0;
  for (let i = path.length - 2; i >= 1; i--) {
    const cert = path[i]!;
    if (!cert.selfIssued) {
      counted++;
      if (remaining <= 0) {
        problems.push({
          code: "PATH_LENGTH_EXCEEDED",
          message: `The intermediate "${cert.subjectText}" is not allowed here: a CA above it limits how many intermediate certificates may follow (pathLenConstraint).`,
          position: i,
        });
      }
      remaining--;
    }
    const own = cert.decoded.basicConstraints?.pathLen;
    if (own !== undefined && own < remaining) remaining = own;
  }
  if (options.maxIntermediates !== undefined && counted > options.maxIntermediates) {
    problems.push({
      code: "CHAIN_TOO_LONG",
      message: `The chain has ${counted} intermediate certificates; at most ${options.maxIntermediates} are allowed.`,
      position: 0,
    });
  }
  return problems;
}

function result(
  valid: boolean,
  reachedAnchor: boolean,
  path: ParsedCertificate[],
  problems: Problem[],
  stats: PathResult["stats"],
): PathResult {
  const links: ChainLink[] = path.map((cert, index) => {
    const own = problems.filter((p) => p.position === index).map(({ code, message }) => ({ code, message }));
    const next = path[index + 1];
    return {
      position: index,
      kind: positionOf(index, path.length, reachedAnchor),
      subject: cert.subjectText,
      issuer: cert.issuerText,
      sha256: cert.sha256,
      // Every link of a returned path was verified while searching; the anchor is trusted as is.
      signatureVerified: next ? true : reachedAnchor ? null : false,
      ok: own.length === 0,
      problems: own,
    };
  });
  return { valid, reachedAnchor, path, links, problems, stats };
}
