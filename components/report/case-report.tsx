import { ROLE_LABEL, stepLabel, stepTaking, workflowFor } from "@/lib/workflow";
import { CHANNEL_LABEL } from "@/lib/workflow/labels";
import { completionNote } from "@/lib/workflow/completion-note";
import type { CaseDetail } from "@/lib/workflow/queries/case-detail";
import type { ProcedureDetails } from "@/lib/workflow/queries/procedure-details";
import type { StoredUploadView } from "@/lib/certificates/queries/case-certificates";
import type { AuditRow } from "@/lib/audit/queries/trail";
import type { CertificateSet } from "@/lib/generated/prisma/enums";
import { formatInZone } from "@/lib/time/zones";
import { CaseFacts } from "@/components/case/case-facts";
import { Swimlane } from "@/components/case/swimlane/swimlane";
import { CertificateCard } from "@/components/certificates/certificate-card";
import { ChainPicture } from "@/components/certificates/chain-picture";
import { FindingsList } from "@/components/certificates/findings-list";
import { completedByName, displayName } from "@/lib/people";

interface Props {
  detail: CaseDetail;
  details: ProcedureDetails;
  uploads: Partial<Record<CertificateSet, StoredUploadView>>;
  audit: AuditRow[];
  zone: string;
  printedAt: Date;
}

const section = "space-y-2 break-inside-avoid-page";

function detailsText(details: unknown): string {
  if (!details || typeof details !== "object") return "";
  // Counts the store records for the completion note are written out by completionNote above.
  return Object.entries(details as Record<string, unknown>)
    .filter(([key]) => key !== "confirmedCells" && key !== "tasksDone")
    .map(([key, value]) => `${key}: ${String(value)}`)
    .join("; ");
}

/** Everything an auditor asks for about one renewal, on one printable page. */
export function CaseReport({ detail, details, uploads, audit, zone, printedAt }: Props) {
  const at = (date: Date | null | undefined) => (date ? formatInZone(date, zone) : "—");
  const procedure = workflowFor(detail.procedure);
  return (
    <article className="space-y-6 text-sm" data-testid="case-report">
      <header className="border-b pb-3">
        <p className="text-xs uppercase tracking-wide text-slate-600">Renewal Desk — case report</p>
        <h1 className="text-2xl font-bold">{detail.title}</h1>
        <p>
          Status: {detail.status.toLowerCase()} · printed {at(printedAt)} · case {detail.id}
        </p>
      </header>

      <section className={section}>
        <h2 className="text-lg font-semibold">Case facts and participants</h2>
        <CaseFacts detail={detail} />
      </section>

      <section className={section}>
        <h2 className="text-lg font-semibold">The procedure at a glance</h2>
        <Swimlane procedure={detail.procedure} steps={detail.steps} zone={zone} />
      </section>

      <section className={section}>
        <h2 className="text-lg font-semibold">Steps — who, when, how</h2>
        <table className="w-full border-collapse text-left">
          <thead>
            <tr className="border-b">
              <th className="py-1 pr-2">#</th>
              <th className="pr-2">Step</th>
              <th className="pr-2">Owner</th>
              <th className="pr-2">Status</th>
              <th className="pr-2">Done by</th>
              <th className="pr-2">When</th>
              <th>How</th>
            </tr>
          </thead>
          <tbody>
            {procedure.steps.map((definition) => {
              const step = detail.steps.find((candidate) => candidate.number === definition.number)!;
              return (
                <tr key={definition.number} className="border-b border-slate-100 align-top">
                  <td className="py-1 pr-2">{stepLabel(definition)}</td>
                  <td className="pr-2">
                    {definition.title}
                    {completionNote(step.details) ? (
                      <div className="text-slate-600">{completionNote(step.details)}</div>
                    ) : null}
                    {step.comment ? <div className="text-slate-600">Comment: {step.comment}</div> : null}
                    {step.details ? <div className="text-slate-600">{detailsText(step.details)}</div> : null}
                  </td>
                  <td className="pr-2">{ROLE_LABEL[definition.role]}</td>
                  <td className="pr-2">{step.status.toLowerCase()}</td>
                  <td className="pr-2">{step.status === "DONE" ? completedByName(step, "—") : "—"}</td>
                  <td className="pr-2">{at(step.completedAt)}</td>
                  <td>{step.channel ? CHANNEL_LABEL[step.channel] : "—"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      {(["NEW", "OLD"] as const).map((set) => {
        const upload = uploads[set];
        if (!upload) return null;
        return (
          <section key={set} className={section}>
            <h2 className="text-lg font-semibold">{set === "NEW" ? "New certificates" : "Old certificates"}</h2>
            <p>
              Uploaded by {upload.uploadedBy} on {at(upload.createdAt)}.
              {upload.warnings.length ? " Warnings acknowledged by the uploader:" : ""}
            </p>
            <FindingsList findings={upload.warnings} />
            <ChainPicture chain={upload.chain} purpose={procedure.certificate.purpose} />
            <div className="grid gap-2 md:grid-cols-2 print:grid-cols-2">
              {upload.certificates.map((certificate) => (
                <CertificateCard
                  key={certificate.id}
                  certificate={certificate}
                  purpose={procedure.certificate.purpose}
                />
              ))}
            </div>
          </section>
        );
      })}

      {stepTaking(procedure, "downtime-window") ? (
        <section className={section}>
          <h2 className="text-lg font-semibold">Downtime window</h2>
          <p>
            {detail.windowStart && detail.windowEnd
              ? `Agreed: ${at(detail.windowStart)} to ${at(detail.windowEnd)}`
              : "No window agreed."}
          </p>
          <ul>
            {details.proposals.map((proposal) => (
              <li key={proposal.id}>
                {at(proposal.start)} to {at(proposal.end)} — proposed by {displayName(proposal.proposedBy)} (
                {ROLE_LABEL[proposal.proposedAsRole].toLowerCase()}) on {at(proposal.createdAt)},{" "}
                {proposal.status.toLowerCase()}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className={section}>
        <h2 className="text-lg font-semibold">Flows stopped and restarted, per runtime node</h2>
        {details.confirmations.length === 0 ? <p>None recorded.</p> : null}
        <ul>
          {details.confirmations.map((confirmation) => (
            <li key={`${confirmation.stepNumber}-${confirmation.flow}-${confirmation.node}`}>
              Step {confirmation.stepNumber}: {confirmation.flow} on {confirmation.node} —{" "}
              {displayName(confirmation.confirmedBy)}, {at(confirmation.confirmedAt)}
            </li>
          ))}
        </ul>
      </section>

      <section className={section}>
        <h2 className="text-lg font-semibold">Receiver tasks</h2>
        <ul>
          {details.checklist.map((item) => (
            <li key={item.id}>
              {item.doneAt ? "✓" : "☐"} {item.label}
              {item.doneAt
                ? ` — ${item.performedBy ?? "Receiver administrator"}, recorded by ${displayName(item.doneBy, "—")} on ${at(item.doneAt)}`
                : " — open"}
            </li>
          ))}
        </ul>
      </section>

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Complete audit trail ({audit.length} events)</h2>
        <table className="w-full border-collapse text-left text-xs">
          <thead>
            <tr className="border-b">
              <th className="py-1 pr-2">Time</th>
              <th className="pr-2">Event</th>
              <th className="pr-2">By</th>
              <th>Channel</th>
            </tr>
          </thead>
          <tbody>
            {audit.map((row) => (
              <tr key={row.id} className="border-b border-slate-100 align-top">
                <td className="whitespace-nowrap py-0.5 pr-2">{at(row.at)}</td>
                <td className="pr-2">{row.description}</td>
                <td className="pr-2">{row.actor}</td>
                <td>{CHANNEL_LABEL[row.channel]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </article>
  );
}
