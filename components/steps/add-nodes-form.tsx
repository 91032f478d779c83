"use client";

import { useActionState } from "react";
import { addNodesAction } from "@/lib/workflow/input-actions";
import { inputClass, secondaryButtonClass } from "@/components/ui/field";
import { ActionFeedback } from "./action-feedback";
import type { DeployedFlows } from "@/lib/tenant/queries/deployed-flows";

/**
 * `tenant`: the case's tenant, if it has one; `deployed`: its deployed flows, once the person asked for them (a link
 * reloads the page with `?deployedFlows=1`, so the page reads the tenant only then).
 */
export function AddNodesForm({
  caseId,
  tenant,
  deployed,
}: {
  caseId: string;
  tenant?: string | null;
  deployed?: DeployedFlows | null;
}) {
  const [state, action, pending] = useActionState(addNodesAction, null);
  return (
    <details id="add-nodes-flows" className="rounded border border-slate-200 bg-white p-3" open={Boolean(deployed)}>
      <summary className="cursor-pointer text-sm font-medium">Add runtime nodes or flows</summary>
      <form action={action} className="mt-2 space-y-2">
        <ActionFeedback state={state} />
        {state?.ok ? <p className="text-sm text-emerald-800">Added: they join the stop and restart grids.</p> : null}
        <input type="hidden" name="caseId" value={caseId} />
        <label className="block text-sm" htmlFor="add-nodes">
          Runtime nodes (one per line)
        </label>
        <textarea id="add-nodes" name="nodes" rows={2} className={inputClass} />
        <label className="block text-sm" htmlFor="add-flows">
          Integration flows (one per line)
        </label>
        <textarea id="add-flows" name="flows" rows={2} className={inputClass} />
        {tenant && !deployed ? (
          <p className="text-sm">
            <a href={`/cases/${caseId}?deployedFlows=1#add-nodes-flows`}>Choose from the flows deployed on {tenant}</a>
          </p>
        ) : null}
        {deployed && "failure" in deployed ? (
          <p className="text-sm text-red-800">
            The flows deployed on {deployed.tenant} could not be read: {deployed.failure}
          </p>
        ) : null}
        {deployed && "flows" in deployed ? (
          <fieldset className="space-y-1 text-sm">
            <legend className="font-medium">Flows deployed on {deployed.tenant}</legend>
            {deployed.flows.length === 0 ? <p>Every deployed flow is already part of the case.</p> : null}
            {deployed.flows.map((flow) => (
              <label key={flow.id} className="flex items-center gap-2">
                <input type="checkbox" name="deployedFlow" value={flow.name} /> {flow.name}
              </label>
            ))}
          </fieldset>
        ) : null}
        <button className={secondaryButtonClass} disabled={pending}>
          Add
        </button>
      </form>
    </details>
  );
}
