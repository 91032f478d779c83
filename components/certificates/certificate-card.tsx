import type { RenewalPolicy } from "@/lib/certificates/policy";
import type { CertificateSummary } from "@/lib/certificates/summary";

export type CertificatePurpose = RenewalPolicy["purpose"];

/** What a certificate of a case is, in words: the renewed one is a client or a server certificate by procedure. */
export function certificateRoleLabel(role: string, purpose: CertificatePurpose = "client"): string {
  const labels: Record<CertificateSummary["role"], string> = {
    leaf: `New ${purpose} certificate`,
    intermediate: "Intermediate CA",
    root: "New root CA",
    "old-leaf": `Old ${purpose} certificate`,
    "old-root": "Old root CA",
  };
  return labels[role as CertificateSummary["role"]] ?? role;
}

function keyDescription(certificate: CertificateSummary): string {
  if (certificate.curve) return `${certificate.keyType} ${certificate.curve}`;
  return certificate.keySize ? `${certificate.keyType} ${certificate.keySize} bit` : certificate.keyType;
}

/** Everything an administrator compares before importing a certificate. */
export function CertificateCard({
  certificate,
  downloads,
  purpose = "client",
}: {
  certificate: CertificateSummary;
  downloads?: React.ReactNode;
  purpose?: CertificatePurpose;
}) {
  // Days left as of now, not as of the upload.
  const daysLeft = Math.floor((new Date(certificate.notAfter).getTime() - new Date().getTime()) / 86_400_000);
  const expired = daysLeft < 0;
  return (
    <article
      className="rounded border border-slate-200 bg-white p-3 text-sm"
      data-testid={`certificate-${certificate.role}`}
    >
      <h4 className="font-semibold">{certificateRoleLabel(certificate.role, purpose)}</h4>
      <dl className="mt-2 grid grid-cols-[9rem_1fr] gap-x-3 gap-y-1">
        <dt className="text-slate-600">Subject</dt>
        <dd className="break-all">{certificate.subject}</dd>
        <dt className="text-slate-600">Issuer</dt>
        <dd className="break-all">{certificate.issuer}</dd>
        <dt className="text-slate-600">Serial</dt>
        <dd className="break-all font-mono text-xs">{certificate.serialNumber}</dd>
        <dt className="text-slate-600">Valid</dt>
        <dd>
          {certificate.notBefore.slice(0, 10)} to {certificate.notAfter.slice(0, 10)}{" "}
          <span
            className={
              expired ? "font-semibold text-red-800" : daysLeft < 30 ? "font-semibold text-amber-800" : "text-slate-600"
            }
          >
            ({expired ? `expired ${-daysLeft} days ago` : `${daysLeft} days left`})
          </span>
        </dd>
        <dt className="text-slate-600">Key</dt>
        <dd>{keyDescription(certificate)}</dd>
        <dt className="text-slate-600">Signature</dt>
        <dd>{certificate.signatureAlgorithm}</dd>
        <dt className="text-slate-600">Key usage</dt>
        <dd>{certificate.keyUsages.join(", ") || "—"}</dd>
        <dt className="text-slate-600">Extended usage</dt>
        <dd>{certificate.extendedKeyUsages.join(", ") || "—"}</dd>
        <dt className="text-slate-600">SHA-256</dt>
        <dd className="break-all font-mono text-xs" data-testid="sha256">
          {certificate.fingerprints.sha256}
        </dd>
        <dt className="text-slate-600">SHA-1</dt>
        <dd className="break-all font-mono text-xs">{certificate.fingerprints.sha1}</dd>
      </dl>
      {downloads ? <div className="mt-2 flex gap-3 text-xs">{downloads}</div> : null}
    </article>
  );
}
