import Link from "next/link";
import type { StoredUploadView } from "@/lib/certificates/queries/case-certificates";
import type { CertificateSet } from "@/lib/generated/prisma/enums";
import { Time } from "@/components/ui/time";
import { CertificateCard, type CertificatePurpose } from "./certificate-card";
import { ChainPicture } from "./chain-picture";
import { FindingsList } from "./findings-list";
import { FingerprintCheckForm } from "./fingerprint-check-form";

function Downloads({ caseId, certificateId }: { caseId: string; certificateId: string }) {
  const base = `/cases/${caseId}/certificates/${certificateId}`;
  return (
    <>
      <Link href={`${base}?format=pem`} prefetch={false}>
        Download PEM
      </Link>
      <Link href={`${base}?format=der`} prefetch={false}>
        Download DER
      </Link>
    </>
  );
}

/** The case's certificates: the new chain with its check, downloads, a fingerprint check, and the old ones. */
export function CertificatesPanel({
  caseId,
  uploads,
  purpose,
}: {
  caseId: string;
  uploads: Partial<Record<CertificateSet, StoredUploadView>>;
  /** Whether the renewed certificate is a client or a server certificate (by the case's procedure). */
  purpose: CertificatePurpose;
}) {
  const fresh = uploads.NEW;
  const old = uploads.OLD;
  return (
    <section aria-labelledby="certificates-heading" className="space-y-3">
      <h2 id="certificates-heading" className="text-xl font-semibold">
        Certificates
      </h2>
      {fresh ? (
        <div className="space-y-3 rounded border border-slate-200 bg-white p-4" data-testid="new-certificates">
          <p className="text-sm text-slate-700">
            Uploaded by {fresh.uploadedBy} on <Time value={fresh.createdAt} />, checked on the server.
            {fresh.warnings.length > 0 ? " Warnings were acknowledged by the uploader:" : " No warnings."}
          </p>
          <FindingsList findings={fresh.warnings} />
          <ChainPicture chain={fresh.chain} purpose={purpose} />
          <div className="flex flex-wrap gap-4 text-sm">
            <Link href={`/cases/${caseId}/certificates/chain?format=pem`} prefetch={false}>
              Whole chain (PEM)
            </Link>
            <Link href={`/cases/${caseId}/certificates/chain?format=p7b`} prefetch={false}>
              Whole chain (PKCS#7)
            </Link>
          </div>
          <div className="grid gap-3 md:grid-cols-2">
            {fresh.certificates.map((certificate) => (
              <CertificateCard
                purpose={purpose}
                key={certificate.id}
                certificate={certificate}
                downloads={<Downloads caseId={caseId} certificateId={certificate.id} />}
              />
            ))}
          </div>
          <FingerprintCheckForm caseId={caseId} purpose={purpose} />
        </div>
      ) : (
        <p className="text-sm text-slate-600">The new certificates arrive with step 1.</p>
      )}
      {old ? (
        <details className="rounded border border-slate-200 bg-white p-3">
          <summary className="cursor-pointer text-sm font-medium">Old certificates (being replaced)</summary>
          <div className="mt-2 grid gap-3 md:grid-cols-2">
            {old.certificates.map((certificate) => (
              <CertificateCard
                purpose={purpose}
                key={certificate.id}
                certificate={certificate}
                downloads={<Downloads caseId={caseId} certificateId={certificate.id} />}
              />
            ))}
          </div>
        </details>
      ) : null}
    </section>
  );
}
