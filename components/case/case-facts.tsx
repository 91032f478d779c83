import { ROLE_LABEL, procedureName, rolesOf, stepTaking, workflowFor } from "@/lib/workflow";
import { OPERATING_MODEL_LABEL, OPERATING_MODEL_PARTY, PEER_LABEL } from "@/lib/workflow/labels";
import { LANDSCAPE_LABEL } from "@/lib/workflow/checklists";
import type { CaseDetail } from "@/lib/workflow/queries/case-detail";
import { Time } from "@/components/ui/time";
import { displayName } from "@/lib/people";

export function CaseFacts({ detail }: { detail: CaseDetail }) {
  const procedure = workflowFor(detail.procedure);
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-2 rounded border border-slate-200 bg-white p-4 text-sm sm:grid-cols-[12rem_1fr]">
      <dt className="font-semibold">{PEER_LABEL[procedure.peer]}</dt>
      <dd>{detail.receiverSystem}</dd>
      <dt className="font-semibold">Procedure</dt>
      <dd data-testid="procedure">
        {procedureName(procedure)}. <span className="text-slate-600">{procedure.summary}</span>
      </dd>
      <dt className="font-semibold">Operating model</dt>
      <dd>
        {OPERATING_MODEL_LABEL[detail.operatingModel]}: tenant administrator and integration developer steps are done by{" "}
        {OPERATING_MODEL_PARTY[detail.operatingModel]}.
      </dd>
      {stepTaking(procedure, "receiver-checklist") ? (
        <>
          <dt className="font-semibold">Receiver landscape</dt>
          <dd>{LANDSCAPE_LABEL[detail.receiverLandscape]}</dd>
        </>
      ) : null}
      {detail.keystoreAlias ? (
        <>
          <dt className="font-semibold">Keystore alias</dt>
          <dd className="font-mono">{detail.keystoreAlias}</dd>
        </>
      ) : null}
      {detail.cutOverAt ? (
        <>
          <dt className="font-semibold">Announced cut-over</dt>
          <dd data-testid="cut-over">
            <Time value={detail.cutOverAt} />
          </dd>
        </>
      ) : null}
      {detail.tenant ? (
        <>
          <dt className="font-semibold">Integration tenant</dt>
          <dd>{detail.tenant.name} (the keystore step is checked against it)</dd>
        </>
      ) : null}
      {detail.runtimeNodes.length > 0 ? (
        <>
          <dt className="font-semibold">Runtime nodes</dt>
          <dd>{detail.runtimeNodes.join(", ")}</dd>
        </>
      ) : null}
      {detail.integrationFlows.length > 0 ? (
        <>
          <dt className="font-semibold">Integration flows</dt>
          <dd>{detail.integrationFlows.join(", ")}</dd>
        </>
      ) : null}
      <dt className="font-semibold">Started</dt>
      <dd>
        <Time value={detail.createdAt} /> by {displayName(detail.createdBy)} in {detail.workspace.name}
      </dd>
      {rolesOf(procedure).map((role) => (
        <div key={role} className="contents">
          <dt className="font-semibold">{ROLE_LABEL[role]}</dt>
          <dd data-testid={`participants-${role}`}>
            {detail.participants
              .filter((participant) => participant.role === role)
              .map((participant) =>
                participant.user.signInRevokedAt
                  ? `${displayName(participant.user)} (can no longer sign in)`
                  : displayName(participant.user),
              )
              .join(", ")}
          </dd>
        </div>
      ))}
    </dl>
  );
}
