/**
 * Shows what the SAP Cloud Integration tenant holds under a keystore alias and, with
 * --fingerprint, whether it is the expected certificate.
 *   npm run --silent tenant:check -- --service-key FILE --alias ALIAS [--fingerprint SHA256]
 * Exit status: 0 shown (and matching), 1 fingerprint mismatch, 2 usage or connection error.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { formatFingerprint, parseCertificate, toDer } from "@/lib/certificates";
import { TenantError, createCpiClient } from "@/lib/tenant/cpi-client";
import { parseServiceKey } from "@/lib/tenant/service-key";

const USAGE = "usage: tenant:check --service-key FILE --alias ALIAS [--fingerprint SHA256]";
const TIMEOUT_MS = 30_000;
const FLAGS = { "--service-key": "serviceKeyFile", "--alias": "alias", "--fingerprint": "fingerprint" } as const;

class UsageError extends Error {}

interface Args {
  serviceKeyFile: string;
  alias: string;
  /** 64 lowercase hex digits. */
  fingerprint?: string;
}

function parseArgs(argv: string[]): Args {
  const values: Partial<Record<(typeof FLAGS)[keyof typeof FLAGS], string>> = {};
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i]!;
    const value = argv[i + 1];
    if (!(flag in FLAGS)) throw new UsageError(`unknown argument ${flag}`);
    if (value === undefined || value.startsWith("--")) throw new UsageError(`${flag} needs a value`);
    values[FLAGS[flag as keyof typeof FLAGS]] = value;
  }
  if (!values.serviceKeyFile) throw new UsageError("--service-key is required");
  if (!values.alias) throw new UsageError("--alias is required");
  // Colons, spaces and case as certificate viewers and `openssl x509 -fingerprint` write them.
  const fingerprint = values.fingerprint
    ?.replace(/^.*=/, "")
    .replace(/[\s:-]/g, "")
    .toLowerCase();
  if (fingerprint !== undefined && !/^[0-9a-f]{64}$/.test(fingerprint))
    throw new UsageError("--fingerprint needs a SHA-256 fingerprint: 64 hex digits, with or without colons");
  return { serviceKeyFile: values.serviceKeyFile, alias: values.alias, fingerprint };
}

function readServiceKeyText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    throw new UsageError(`cannot read ${file}`);
  }
}

async function main(argv: string[]): Promise<number> {
  let args: Args;
  let serviceKeyText: string;
  try {
    args = parseArgs(argv);
    serviceKeyText = readServiceKeyText(args.serviceKeyFile);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`tenant:check: ${error.message}\n${USAGE}`);
    return 2;
  }
  const parsedKey = parseServiceKey(serviceKeyText);
  if (!parsedKey.ok) {
    console.error(
      `tenant:check: the service key in ${args.serviceKeyFile} cannot be used:\n${parsedKey.errors.map((e) => `  ${e}`).join("\n")}`,
    );
    return 2;
  }

  const client = createCpiClient(parsedKey.key, { timeoutMs: TIMEOUT_MS });
  const held = await Promise.all([
    client.getKeystoreEntry(args.alias),
    client.downloadCertificate(args.alias),
    client.downloadCertificateChain(args.alias),
  ]).catch((error: unknown) => {
    if (error instanceof TenantError) return error;
    throw error;
  });
  if (held instanceof TenantError) {
    console.error(`tenant:check: ${held.code}: ${held.message}`);
    return 2;
  }
  const [entry, certificatePem, chain] = held;
  const der = toDer(certificatePem);
  const parsed = parseCertificate(der);
  if (!parsed.ok) {
    console.error(
      `tenant:check: the certificate the tenant holds under "${entry.alias}" cannot be read: ${parsed.message}`,
    );
    return 2;
  }
  const sha256 = createHash("sha256").update(der).digest("hex");
  const certificate = parsed.certificate;
  const date = (d: Date) => d.toISOString().replace(/\.000Z$/, "Z");
  console.log(`Alias:        ${entry.alias}`);
  console.log(`Type:         ${entry.type ?? "not stated"}`);
  console.log(`Subject:      ${certificate.subjectText}`);
  console.log(`Issuer:       ${certificate.issuerText}`);
  console.log(`Valid:        ${date(certificate.notBefore)} to ${date(certificate.notAfter)}`);
  console.log(`SHA-256:      ${formatFingerprint(sha256)}`);
  console.log(`Chain:        ${chain.length} certificate${chain.length === 1 ? "" : "s"}`);
  if (args.fingerprint === undefined) return 0;
  if (args.fingerprint === sha256) {
    console.log("Fingerprint:  matches");
    return 0;
  }
  console.log(`Fingerprint:  DOES NOT MATCH (expected ${formatFingerprint(args.fingerprint)})`);
  return 1;
}

process.exitCode = await main(process.argv.slice(2));
