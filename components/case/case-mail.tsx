import type { caseMail } from "@/lib/mail/queries/case-mail";
import { TimeIn } from "@/components/ui/time";
import { ResendButton } from "./resend-button";

const STATUS = { SENT: "Delivered", PENDING: "Waiting to be sent", FAILED: "Failed" } as const;

export function CaseMail({
  caseId,
  mails,
  canResend,
  zone,
}: {
  caseId: string;
  mails: Awaited<ReturnType<typeof caseMail>>;
  canResend: boolean;
  zone: string;
}) {
  const failed = mails.filter((mail) => mail.status === "FAILED").length;
  return (
    <section aria-labelledby="mail-heading" className="space-y-2 rounded border border-slate-200 bg-white p-3">
      <h2 id="mail-heading" className="text-xl font-semibold">
        E-mail ({mails.length})
        {failed > 0 ? <span className="ml-2 text-base font-semibold text-red-700">{failed} failed</span> : null}
      </h2>
      <table className="mt-2 w-full text-left text-sm" data-testid="case-mail">
        <thead>
          <tr className="border-b text-slate-600">
            <th className="py-1 pr-2">Queued</th>
            <th className="pr-2">To</th>
            <th className="pr-2">Subject</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {mails.map((mail) => (
            <tr key={mail.id} className="border-b border-slate-100 align-top" data-status={mail.status}>
              <td className="py-1 pr-2 whitespace-nowrap">
                <TimeIn value={mail.createdAt} zone={zone} />
              </td>
              <td className="pr-2">{mail.toAddress}</td>
              <td className="pr-2">{mail.subject}</td>
              <td>
                {STATUS[mail.status]}
                {mail.status === "SENT" ? (
                  <>
                    {" "}
                    <TimeIn value={mail.sentAt} zone={zone} />
                  </>
                ) : null}
                {mail.lastError ? (
                  <div className="text-xs text-red-700">
                    {mail.lastError} (attempt {mail.attempts})
                  </div>
                ) : null}
                {mail.status === "FAILED" && canResend ? <ResendButton caseId={caseId} mailId={mail.id} /> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
