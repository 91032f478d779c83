import { ROLE_LABEL } from "@/lib/workflow";
import type { InboxTask, WaitingItem } from "@/lib/workflow/queries/inbox";
import { Time, waitedFor } from "@/components/ui/time";
import Link from "next/link";

export function TaskTable({
  items,
  now,
  showWaitingOn = false,
}: {
  items: (InboxTask | WaitingItem)[];
  now: Date;
  showWaitingOn?: boolean;
}) {
  return (
    <table className="w-full text-left text-sm">
      <thead>
        <tr className="border-b border-slate-300 text-slate-600">
          <th className="py-2 pr-3">Case</th>
          <th className="pr-3">Step</th>
          <th className="pr-3">Role</th>
          {showWaitingOn ? <th className="pr-3">Waiting on</th> : null}
          <th>Waiting since</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={`${item.caseId}-${item.stepNumber}`} className="border-b border-slate-200 align-top">
            <td className="py-2 pr-3">
              <Link href={`/cases/${item.caseId}`} className="font-medium">
                {item.caseTitle}
              </Link>
              <div className="text-xs text-slate-600">{item.receiverSystem}</div>
            </td>
            <td className="pr-3">
              {item.stepLabel}. {item.stepTitle}
            </td>
            <td className="pr-3 whitespace-nowrap">
              {("roles" in item ? item.roles : [item.role]).map((role) => ROLE_LABEL[role]).join(" or ")}
            </td>
            {showWaitingOn && "waitingOn" in item ? (
              <td className="pr-3">{item.waitingOn.join(", ") || "nobody named yet"}</td>
            ) : null}
            <td className="whitespace-nowrap">
              {item.scheduledAt !== undefined ? (
                <>
                  Happens automatically{" "}
                  {item.scheduledAt ? (
                    <>
                      at <Time value={item.scheduledAt} />
                    </>
                  ) : (
                    "when the window starts"
                  )}
                  <div className="text-xs text-slate-600">
                    Nothing to do until then; it can be started earlier on the case.
                  </div>
                </>
              ) : (
                <>
                  <Time value={item.waitingSince} />
                  <div className="text-xs text-slate-600">{waitedFor(item.waitingSince, now)}</div>
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
