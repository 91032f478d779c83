"use client";

import { useActionState } from "react";
import { addNodesAction } from "@/lib/workflow/input-actions";
import { inputClass, secondaryButtonClass } from "@/components/ui/field";
import { ActionFeedback } from "./action-feedback";

export function AddNodesForm({ caseId }: { caseId: string }) {
  const [state, action, pending] = useActionState(addNodesAction, null);
  return (
    <details className="rounded border border-slate-200 bg-white p-3">
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
        <button className={secondaryButtonClass} disabled={pending}>
          Add
        </button>
      </form>
    </details>
  );
}
