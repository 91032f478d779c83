/**
 * Checks renewal certificates from the command line, with the same validation as the app.
 *   npm run --silent cert:check -- --leaf FILE [--root FILE]... [--old-leaf FILE] [--old-root FILE] [--at ISO-8601] [--json]
 * Exit status: 0 accepted, 1 rejected, 2 usage error.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { type RenewalInput, type RenewalResult, type UploadPart, validateRenewal } from "@/lib/certificates";

const USAGE =
  "usage: cert:check --leaf FILE [--root FILE]... [--old-leaf FILE] [--old-root FILE] [--at ISO-8601] [--json]";
const FILE_FLAGS = {
  "--leaf": "newLeaf",
  "--root": "newRoot",
  "--old-leaf": "oldLeaf",
  "--old-root": "oldRoot",
} as const;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

class UsageError extends Error {}

function parseArgs(argv: string[]): { input: RenewalInput; json: boolean } {
  const files: Record<(typeof FILE_FLAGS)[keyof typeof FILE_FLAGS], UploadPart[]> = {
    newLeaf: [],
    newRoot: [],
    oldLeaf: [],
    oldRoot: [],
  };
  let at: Date | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === "--json") {
      json = true;
      continue;
    }
    const value = argv[i + 1];
    if (flag === "--at") {
      if (!value || !ISO_8601.test(value) || Number.isNaN(Date.parse(value)))
        throw new UsageError(`--at needs an ISO-8601 date or date-time, got ${value ?? "nothing"}`);
      at = new Date(value);
      i++;
      continue;
    }
    if (!(flag in FILE_FLAGS)) throw new UsageError(`unknown argument ${flag}`);
    if (!value || value.startsWith("--")) throw new UsageError(`${flag} needs a file name`);
    files[FILE_FLAGS[flag as keyof typeof FILE_FLAGS]].push(readPart(value));
    i++;
  }
  if (files.newLeaf.length === 0) throw new UsageError("--leaf is required");
  return {
    input: { newLeaf: files.newLeaf, newRoot: files.newRoot, oldLeaf: files.oldLeaf, oldRoot: files.oldRoot, at },
    json,
  };
}

function readPart(path: string): UploadPart {
  try {
    return { name: basename(path), bytes: new Uint8Array(readFileSync(path)) };
  } catch {
    throw new UsageError(`cannot read ${path}`);
  }
}

function printReport(result: RenewalResult): void {
  const { errors, warnings } = result;
  console.log(
    `Certificate check: ${result.accepted ? "ACCEPTED" : "REJECTED"} (${errors.length} error${errors.length === 1 ? "" : "s"}, ${warnings.length} warning${warnings.length === 1 ? "" : "s"})`,
  );
  if (result.certificates.length) console.log("\nCertificates:");
  result.certificates.forEach((c, i) => {
    const key = [c.keyType, c.curve ?? (c.keySize ? `${c.keySize} bits` : "")].filter(Boolean).join(" ");
    console.log(`  [${i}] ${c.role}${c.inChain ? "" : " (not in chain)"}: ${c.subject}`);
    console.log(`      issuer ${c.issuer}; serial ${c.serialNumber}`);
    console.log(
      `      valid ${c.notBefore} to ${c.notAfter} (${c.daysLeft} days left); ${key}; ${c.signatureAlgorithm}`,
    );
    console.log(`      SHA-256 ${c.fingerprints.sha256}`);
  });
  if (result.chain.length) {
    console.log("\nChain:");
    for (const link of result.chain) console.log(`  ${link.ok ? "ok " : "BAD"} ${link.role}: ${link.subject}`);
  }
  if (errors.length) console.log("\nErrors:");
  for (const e of errors) console.log(`  ${e.code}: ${e.message}`);
  if (warnings.length) console.log("\nWarnings:");
  for (const w of warnings) console.log(`  ${w.code}: ${w.message}`);
}

function main(argv: string[]): number {
  let args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`cert:check: ${error.message}\n${USAGE}`);
    return 2;
  }
  const result = validateRenewal(args.input);
  if (args.json) {
    const brief = (f: { code: string; message: string }) => ({ code: f.code, message: f.message });
    console.log(
      JSON.stringify({
        accepted: result.accepted,
        errors: result.errors.map(brief),
        warnings: result.warnings.map(brief),
        certificates: result.certificates,
      }),
    );
  } else {
    printReport(result);
  }
  return result.accepted ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
