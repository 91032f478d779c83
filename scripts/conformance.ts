/**
 * Runs the path validator over an x509-limbo-format test file.
 *   npm run conformance -- FILE [--subset client-chain] [--min-agree N]
 * Prints one line per disagreement and, last, exactly one summary line:
 *   conformance: agree=N total=M false_accept=X false_reject=Y
 * With --min-agree, exits 1 when fewer cases agree (CI uses it as a floor against regressions).
 */
import { readFileSync } from "node:fs";
import { OID } from "@/lib/certificates/der/oids";
import { KEY_USAGE_NAMES, type KeyUsageName } from "@/lib/certificates/certificate/extensions";
import { type ParsedCertificate, parseCertificate } from "@/lib/certificates/certificate/parse";
import { decodePemBlocks } from "@/lib/certificates/pem";
import { validatePath } from "@/lib/certificates/path/validate-path";

/** The fields of an x509-limbo test case that a client-chain check uses. */
interface ConformanceCase {
  id: string;
  trusted_certs: string[];
  untrusted_intermediates: string[];
  peer_certificate: string;
  validation_time: string | null;
  extended_key_usage: string[];
  key_usage: string[];
  max_chain_depth: number | null;
  expected_result: "SUCCESS" | "FAILURE";
}

const EKU_OIDS: Record<string, string> = {
  serverAuth: OID.serverAuth,
  clientAuth: OID.clientAuth,
  codeSigning: OID.codeSigning,
  emailProtection: OID.emailProtection,
  timeStamping: OID.timeStamping,
  ocspSigning: OID.ocspSigning,
  anyExtendedKeyUsage: OID.anyExtendedKeyUsage,
};

/** PKITS repeats the same 181 intermediates in every case: parse each PEM once. */
const parsedPems = new Map<string, ParsedCertificate[]>();

/** Certificates that do not parse are dropped, as a TLS stack would never see them as candidates. */
function parsePems(pems: string[]): ParsedCertificate[] {
  return pems.flatMap((pem) => {
    let parsed = parsedPems.get(pem);
    if (!parsed) {
      try {
        parsed = decodePemBlocks(pem).flatMap((block) => {
          const result = parseCertificate(block.der);
          return result.ok ? [result.certificate] : [];
        });
      } catch {
        parsed = [];
      }
      parsedPems.set(pem, parsed);
    }
    return parsed;
  });
}

function conformanceCase(testcase: ConformanceCase): { valid: boolean; reason: string } {
  const [leaf] = parsePems([testcase.peer_certificate]);
  if (!leaf) {
    let reason = "peer certificate does not parse";
    try {
      const block = decodePemBlocks(testcase.peer_certificate)[0];
      const parsed = block && parseCertificate(block.der);
      if (parsed && !parsed.ok) reason = `${parsed.code}: ${parsed.message}`;
    } catch {
      reason = "peer certificate is not valid PEM";
    }
    return { valid: false, reason };
  }
  const ekus = testcase.extended_key_usage.map((name) => EKU_OIDS[name] ?? name);
  const result = validatePath(
    { leaf, intermediates: parsePems(testcase.untrusted_intermediates), anchors: parsePems(testcase.trusted_certs) },
    {
      time: testcase.validation_time ? new Date(testcase.validation_time) : new Date(),
      requiredEku: ekus[0],
      requiredLeafKeyUsage: testcase.key_usage.filter((u): u is KeyUsageName =>
        (KEY_USAGE_NAMES as readonly string[]).includes(u),
      ),
      maxIntermediates: testcase.max_chain_depth ?? undefined,
    },
  );
  const first = result.problems[0];
  return { valid: result.valid, reason: first ? `${first.code}: ${first.message}` : "valid" };
}

function main(argv: string[]): number {
  const valued = new Set(["--subset", "--min-agree"]);
  const files = argv.filter((a, i) => !a.startsWith("--") && !valued.has(argv[i - 1] ?? ""));
  const subsetIndex = argv.indexOf("--subset");
  const subset = subsetIndex >= 0 ? argv[subsetIndex + 1] : undefined;
  const minIndex = argv.indexOf("--min-agree");
  const minAgree = minIndex >= 0 ? Number(argv[minIndex + 1]) : 0;
  const unknown = argv.filter((a) => a.startsWith("--") && !valued.has(a));
  if (
    files.length !== 1 ||
    unknown.length ||
    (subsetIndex >= 0 && subset !== "client-chain") ||
    !Number.isInteger(minAgree)
  ) {
    console.error("usage: npm run conformance -- FILE [--subset client-chain] [--min-agree N]");
    return 2;
  }
  const data = JSON.parse(readFileSync(files[0]!, "utf8")) as { testcases: ConformanceCase[] };
  const cases = data.testcases.filter((c) => subset !== "client-chain" || inClientChainSubset(c.id));

  let agree = 0;
  let falseAccept = 0;
  let falseReject = 0;
  for (const testcase of cases) {
    const outcome = conformanceCase(testcase);
    const got = outcome.valid ? "SUCCESS" : "FAILURE";
    if (got === testcase.expected_result) {
      agree++;
      continue;
    }
    if (outcome.valid) falseAccept++;
    else falseReject++;
    console.log(`${testcase.id} expected=${testcase.expected_result} got=${got} reason=${outcome.reason}`);
  }
  console.log(
    `conformance: agree=${agree} total=${cases.length} false_accept=${falseAccept} false_reject=${falseReject}`,
  );
  return agree >= minAgree ? 0 : 1;
}

/** Hostname checks and CRLs are outside a client-certificate chain check. */
function inClientChainSubset(id: string): boolean {
  return !(
    id.startsWith("webpki::san::") ||
    id.startsWith("webpki::cn::") ||
    id === "rfc5280::ca-as-leaf-wrong-san" ||
    id.startsWith("crl::")
  );
}

process.exitCode = main(process.argv.slice(2));
