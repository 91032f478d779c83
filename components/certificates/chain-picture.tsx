import type { ChainLink } from "@/lib/certificates/policy";
import { certificateRoleLabel, type CertificatePurpose } from "./certificate-card";

/** The chain as a row of boxes, the renewed certificate first, with the result of each link in words and symbols. */
export function ChainPicture({ chain, purpose = "client" }: { chain: ChainLink[]; purpose?: CertificatePurpose }) {
  if (chain.length === 0) return null;
  return (
    <ol
      className="flex flex-wrap items-stretch gap-2 text-sm"
      aria-label={`Certificate chain, ${purpose} certificate first`}
      data-testid="chain"
    >
      {chain.map((link, index) => (
        <li key={index} className="flex items-center gap-2">
          <div
            className={`rounded border-2 px-3 py-2 ${link.ok ? "border-emerald-500 bg-emerald-50" : "border-dashed border-red-500 bg-red-50"}`}
          >
            <div className="font-semibold">
              <span aria-hidden="true">{link.ok ? "✓ " : "✗ "}</span>
              {certificateRoleLabel(link.role, purpose)}
            </div>
            <div className="max-w-64 truncate text-xs text-slate-700" title={link.subject}>
              {link.subject}
            </div>
            <div className="text-xs">
              {link.signatureVerified === null
                ? "trusted as uploaded"
                : link.signatureVerified
                  ? "signature verified by the next certificate"
                  : "signature not verified"}
            </div>
            {link.problems.map((problem) => (
              <div key={problem.code} className="text-xs text-red-800">
                {problem.code}: {problem.message}
              </div>
            ))}
          </div>
          {index < chain.length - 1 ? (
            <span aria-hidden="true" className="text-xl text-slate-500">
              →
            </span>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
