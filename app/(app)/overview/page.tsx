import type { Metadata } from "next";
import Link from "next/link";
import { requireUserOrRedirect } from "@/lib/auth/session";
import { loadOverview, overviewWorkspaces, participantsWhoCannotSignIn } from "@/lib/workspaces/queries/overview";
import { displayName } from "@/lib/people";
import { ROLE_LABEL, procedureName, stepDefinition, stepLabel, workflowFor, type ProcedureId } from "@/lib/workflow";
import { certificateRoleLabel } from "@/components/certificates/certificate-card";
import { ExpiryChart } from "@/components/overview/expiry-chart";
import { Time, waitedFor } from "@/components/ui/time";

export const metadata: Metadata = { title: "Overview" };

/** A step as people know it: its label and title in its case's procedure. */
function stepName(procedure: ProcedureId, number: number): string {
  const step = stepDefinition(procedure, number);
  return step ? `${stepLabel(step)}. ${step.title}` : `Step ${number}`;
}

function stageName(procedure: ProcedureId, key: string): string {
  const definition = workflowFor(procedure);
  const step = definition.steps.find((candidate) => candidate.key === key);
  return `${step?.title ?? key} (${procedureName(definition)})`;
}

function urgency(daysLeft: number): { label: string; className: string } {
  if (daysLeft < 0) return { label: "expired", className: "bg-red-100 text-red-900 font-semibold" };
  if (daysLeft <= 30) return { label: "≤ 30 days", className: "bg-red-50 text-red-900 font-semibold" };
  if (daysLeft <= 60) return { label: "≤ 60 days", className: "bg-amber-50 text-amber-900" };
  if (daysLeft <= 90) return { label: "≤ 90 days", className: "bg-yellow-50 text-yellow-900" };
  return { label: "", className: "" };
}

/** The cells every expiring certificate shares, from a case or from a tenant's keystore. */
function ExpiryCells(props: { notAfter: Date | null; daysLeft: number; label: string; renewFrom: string | null }) {
  return (
    <>
      <td className="pr-3">
        <Time value={props.notAfter} />
      </td>
      <td className="pr-3">
        {props.daysLeft} {props.label ? `(${props.label})` : ""}
      </td>
      <td>{props.renewFrom ? <Link href={props.renewFrom}>Start a renewal</Link> : null}</td>
    </>
  );
}

// The soonest expiries first; the rest of the (at most 100) on request.
const EXPIRING_SHOWN = 25;

export default async function OverviewPage({
  searchParams,
}: {
  searchParams: Promise<{ workspace?: string; expiring?: string }>;
}) {
  const user = await requireUserOrRedirect("/overview");
  const workspaces = await overviewWorkspaces(user.id);
  const { workspace: requested, expiring: expiringParam } = await searchParams;
  const workspace = workspaces.find((candidate) => candidate.id === requested) ?? workspaces[0];
  if (!workspace) {
    return (
      <section className="max-w-2xl space-y-3">
        <h1 className="text-2xl font-bold">Overview</h1>
        <p>
          The overview shows a workspace&apos;s open cases and the certificates it has in use. It is for the members of
          a workspace; you take part in cases as a guest, so there is none to show you.
        </p>
        <p>
          Your cases are in your <Link href="/inbox">inbox</Link> and in the <Link href="/cases">case list</Link>. To
          see a workspace&apos;s overview, ask one of its owners to make you a member.
        </p>
      </section>
    );
  }
  const overview = await loadOverview(user.id, workspace.id);
  const cannotSignIn = workspace.role === "OWNER" ? await participantsWhoCannotSignIn(workspace.id) : [];
  const now = new Date();
  const expiring = expiringParam === "all" ? overview.expiring : overview.expiring.slice(0, EXPIRING_SHOWN);
  return (
    <>
      <div className="flex flex-wrap items-baseline gap-4">
        <h1 className="text-2xl font-bold">Overview — {workspace.name}</h1>
        {workspace.role === "OWNER" ? (
          <Link href={`/tenants?workspace=${workspace.id}`}>Integration tenants</Link>
        ) : null}
        {workspaces.length > 1 ? (
          <nav className="flex gap-3 text-sm" aria-label="Workspaces">
            {workspaces.map((candidate) => (
              <Link key={candidate.id} href={`/overview?workspace=${candidate.id}`}>
                {candidate.name}
              </Link>
            ))}
          </nav>
        ) : null}
      </div>
      <p className="text-sm text-slate-600" data-testid="overview-as-of">
        Figures as of <Time value={overview.asOf} />; they are recomputed at most once a minute.
      </p>

      <div className="grid gap-4 md:grid-cols-3">
        <section className="rounded border border-slate-200 bg-white p-4" aria-labelledby="stage-heading">
          <h2 id="stage-heading" className="font-semibold">
            Open cases by stage
          </h2>
          <ul className="mt-2 space-y-1 text-sm" data-testid="by-stage">
            {overview.byStage.map((row) => (
              <li key={`${row.procedure}-${row.key}`}>
                <strong>{row.count}</strong> · {stageName(row.procedure, row.key)}
              </li>
            ))}
            {overview.byStage.length === 0 ? <li className="text-slate-600">No open cases.</li> : null}
          </ul>
        </section>
        <section className="rounded border border-slate-200 bg-white p-4" aria-labelledby="procedure-heading">
          <h2 id="procedure-heading" className="font-semibold">
            Cases per procedure
          </h2>
          <ul className="mt-2 space-y-1 text-sm">
            {overview.byProcedure.map((row) => (
              <li key={`${row.procedure}-${row.status}`}>
                <strong>{row.count}</strong> · {procedureName(workflowFor(row.procedure))}, {row.status.toLowerCase()}
              </li>
            ))}
          </ul>
        </section>
        <section className="rounded border border-slate-200 bg-white p-4" aria-labelledby="completed-heading">
          <h2 id="completed-heading" className="font-semibold">
            Completed per month
          </h2>
          <ul className="mt-2 space-y-1 text-sm">
            {overview.completedPerMonth.map((row) => (
              <li key={row.month}>
                {row.month}: <strong>{row.count}</strong>
              </li>
            ))}
            {overview.completedPerMonth.length === 0 ? (
              <li className="text-slate-600">None in the last year.</li>
            ) : null}
          </ul>
        </section>
      </div>

      {cannotSignIn.length > 0 ? (
        <section
          className="space-y-2 rounded border border-red-300 bg-red-50 p-4"
          aria-labelledby="cannot-sign-in-heading"
        >
          <h2 id="cannot-sign-in-heading" className="text-xl font-semibold">
            Participants who can no longer sign in
          </h2>
          <p className="text-sm">
            Their company&apos;s sign-in service no longer lets them in (they may have left), so they cannot do their
            steps. A role cannot be handed to another person within a case yet: cancel the case and start it again with
            someone else in that role.
          </p>
          <ul className="space-y-1 text-sm">
            {cannotSignIn.map((participant) => {
              const waiting = participant.case.steps.filter((step) => step.role === participant.role);
              return (
                <li key={`${participant.case.id}-${participant.role}-${participant.user.email}`}>
                  <strong>{displayName(participant.user)}</strong> ({ROLE_LABEL[participant.role]}) on{" "}
                  <Link href={`/cases/${participant.case.id}`}>{participant.case.title}</Link>
                  {waiting.length > 0
                    ? `: step ${waiting.map((step) => stepName(participant.case.procedure, step.number)).join(", ")} is theirs now`
                    : ": none of their steps is ready yet"}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}

      <section className="space-y-2" aria-labelledby="longest-heading">
        <h2 id="longest-heading" className="text-xl font-semibold">
          Steps waiting longest
        </h2>
        <table className="w-full text-left text-sm">
          <tbody>
            {overview.longest.map((step) => (
              <tr key={`${step.case.id}-${step.number}`} className="border-b border-slate-200">
                <td className="py-1 pr-3">
                  <Link href={`/cases/${step.case.id}`}>{step.case.title}</Link>
                </td>
                <td className="pr-3">{stepName(step.case.procedure, step.number)}</td>
                <td className="pr-3">{ROLE_LABEL[step.role]}</td>
                <td>
                  {step.readyAt ? (
                    <>
                      <Time value={step.readyAt} /> ({waitedFor(step.readyAt, now)})
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="space-y-2" aria-labelledby="expiry-heading">
        <h2 id="expiry-heading" className="text-xl font-semibold">
          Certificate expiry
        </h2>
        <p className="text-sm text-slate-600">
          Certificates in use: the new ones of completed cases, the old ones of open cases, and those the connected
          tenants hold in their keystores.
        </p>
        <ExpiryChart months={overview.expiryByMonth} />
        <table className="w-full text-left text-sm" data-testid="expiring">
          <thead>
            <tr className="border-b text-slate-600">
              <th className="py-1 pr-3">Certificate</th>
              <th className="pr-3">Case</th>
              <th className="pr-3">Expires</th>
              <th className="pr-3">Days left</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {expiring.map((certificate) => {
              const level = urgency(certificate.daysLeft);
              return (
                <tr key={certificate.id} className={`border-b border-slate-200 ${level.className}`}>
                  <td className="py-1 pr-3">
                    {certificateRoleLabel(
                      certificate.role,
                      workflowFor(certificate.case.procedure).certificate.purpose,
                    )}
                    : {certificate.subject}
                  </td>
                  <td className="pr-3">
                    <Link href={`/cases/${certificate.case.id}`}>{certificate.case.title}</Link>
                  </td>
                  <ExpiryCells
                    notAfter={certificate.notAfter}
                    daysLeft={certificate.daysLeft}
                    label={level.label}
                    renewFrom={
                      certificate.role === "leaf" || certificate.role === "old-leaf"
                        ? `/cases/new?fromCertificate=${certificate.id}`
                        : null
                    }
                  />
                </tr>
              );
            })}
          </tbody>
        </table>
        {overview.tenantExpiring.length > 0 ? (
          <table className="w-full text-left text-sm" aria-label="Certificates in the tenants' keystores">
            <thead>
              <tr className="border-b text-slate-600">
                <th className="py-1 pr-3">In a tenant&apos;s keystore</th>
                <th className="pr-3">Tenant and alias</th>
                <th className="pr-3">Expires</th>
                <th className="pr-3">Days left</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {overview.tenantExpiring.map((entry) => {
                const level = urgency(entry.daysLeft);
                return (
                  <tr key={entry.id} className={`border-b border-slate-200 ${level.className}`}>
                    <td className="py-1 pr-3">
                      {entry.type ?? "Entry"}: {entry.subject}
                    </td>
                    <td className="pr-3">
                      {entry.tenant.name} · <code>{entry.alias}</code>
                    </td>
                    <ExpiryCells
                      notAfter={entry.notAfter}
                      daysLeft={entry.daysLeft}
                      label={level.label}
                      renewFrom={entry.type === "Key Pair" ? `/cases/new?fromTenantEntry=${entry.id}` : null}
                    />
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : null}
        {expiring.length < overview.expiring.length ? (
          <p className="text-sm text-slate-700">
            The {expiring.length} soonest of {overview.expiring.length} are shown.{" "}
            <Link href={`/overview?workspace=${workspace.id}&expiring=all#expiry-heading`}>Show all</Link>
          </p>
        ) : null}
      </section>
    </>
  );
}
