/**
 * Certificate validation throughput and the cost of an adversarial upload.
 *   npm run bench:certificates
 * Certificates are issued here by lib/certificates/issue.ts.
 */
import { issueCertificate } from "@/lib/certificates/issue";
import { parseCertificate, validatePath, validateRenewal, type ParsedCertificate } from "@/lib/certificates";
import { OID } from "@/lib/certificates/der/oids";

const NOW = new Date();
const YEAR = 365 * 24 * 60 * 60 * 1000;

type Kind = "RSA-2048" | "P-256";
const KEY_KIND = { "RSA-2048": "rsa2048", "P-256": "p256" } as const;

async function chain(kind: Kind): Promise<{ root: string; intermediate: string; leaf: string }> {
  const validity = {
    notBefore: new Date(NOW.getTime() - YEAR),
    notAfter: new Date(NOW.getTime() + YEAR),
    keyKind: KEY_KIND[kind],
  };
  const root = await issueCertificate({ subject: "CN=Bench Root", ca: true, ...validity });
  const intermediate = await issueCertificate({ subject: "CN=Bench Issuing CA", ca: true, issuer: root, ...validity });
  const leaf = await issueCertificate({ subject: "CN=bench-client", issuer: intermediate, ...validity });
  return { root: root.pem, intermediate: intermediate.pem, leaf: leaf.pem };
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
      const r = validatePath(
        { leaf, intermediates: [intermediate], anchors: [root] },
        { time: NOW, requiredEku: OID.clientAuth },
      );
      if (!r.valid) throw new Error("chain should validate");
    });
    console.log(
      `${kind} chain (root → intermediate → leaf): ${fullRate} full renewal checks/s, ${pathRate} path validations/s`,
    );
    summary[`${kind}_renewal_checks_per_s`] = fullRate;
    summary[`${kind}_path_validations_per_s`] = pathRate;
  }

  // Adversarial upload: a leaf plus 9 CA certificates that all share one subject name and
  // sign each other's names, none of them leading to the uploaded root.
  const validity = { notBefore: new Date(NOW.getTime() - YEAR), notAfter: new Date(NOW.getTime() + YEAR) };
  const root = (await issueCertificate({ subject: "CN=Real Root", ca: true, ...validity })).pem;
  const floods: string[] = [];
  let previous: Awaited<ReturnType<typeof issueCertificate>> | undefined;
  for (let i = 0; i < 9; i++) {
    previous = await issueCertificate({ subject: "CN=Same Subject CA", ca: true, issuer: previous, ...validity });
    floods.push(previous.pem);
  }
  const leaf = (await issueCertificate({ subject: "CN=flood-client", issuer: previous, ...validity })).pem;
  const start = performance.now();
  const result = validateRenewal({ newLeaf: [text([leaf, ...floods].join(""))], newRoot: [text(root)], at: NOW });
  const adversarialMs = Math.round((performance.now() - start) * 100) / 100;
  const rejected = result.errors.some((e) => e.code === "NOT_SIGNED_BY_ROOT");
  console.log(
    `adversarial upload (10 certificates, one subject): ${adversarialMs} ms, ${rejected ? "rejected with NOT_SIGNED_BY_ROOT" : "NOT rejected"} (limit 250 ms)`,
  );
  summary.adversarial_10_same_subject_ms = adversarialMs;

  console.log(
    JSON.stringify({ bench: "certificates", ...summary, adversarial_under_250ms: adversarialMs < 250 && rejected }),
  );
  if (adversarialMs >= 250 || !rejected) process.exitCode = 1;
}

void main();
