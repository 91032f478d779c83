"use client";

import { useActionState } from "react";
import { addChecklistItemAction, tickChecklistAction } from "@/lib/workflow/input-actions";
import { inputClass, secondaryButtonClass } from "@/components/ui/field";
import { ActionFeedback } from "./action-feedback";

export interface ChecklistItemView {
  id: string;
  label: string;
  thirdParty: string | null;
  /** "SAP IT, recorded by Rafael Receiver on 28 Nov 2026, 18:05 CET" once done. */
  done?: string;
}

function TickForm({ caseId, item }: { caseId: string; item: ChecklistItemView }) {
  const [state, action, pending] = useActionState(tickChecklistAction, null);
  return (
    <form action={action} className="mt-1 flex flex-wrap items-center gap-2 text-xs">
      <ActionFeedback state={state} />
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="itemId" value={item.id} />
      <label className="flex items-center gap-1">
        <input type="radio" name="performer" value="self" defaultChecked={!item.thirdParty} /> done by me
      </label>
      <label className="flex items-center gap-1">
        <input type="radio" name="performer" value="third-party" defaultChecked={!!item.thirdParty} /> done by
      </label>
      <input
        name="thirdParty"
        aria-label={`Who did “${item.label}”`}
        defaultValue={item.thirdParty ?? ""}
        placeholder="e.g. SAP IT"
        className="w-32 rounded border border-slate-300 px-1"
      />
      <button className={secondaryButtonClass} disabled={pending}>
        Mark done
      </button>
    </form>
  );
}

function AddItemForm({ caseId }: { caseId: string }) {
  const [state, action, pending] = useActionState(addChecklistItemAction, null);
  return (
    <form action={action} className="flex gap-2">
      <input type="hidden" name="caseId" value={caseId} />
      <input name="label" aria-label="New task" placeholder="Add a task of your own" className={inputClass} />
      <button className={secondaryButtonClass} disabled={pending}>
        Add task
      </button>
      <ActionFeedback state={state} />
    </form>
  );
}

/** The receiver configuration tasks of the case's landscape; each is ticked with who performed it. */
export function ReceiverChecklist({
  caseId,
  items,
  canAct,
  landscape,
}: {
  caseId: string;
  items: ChecklistItemView[];
  canAct: boolean;
  landscape: string;
}) {
  return (
    <div className="mt-3 space-y-2 rounded border border-slate-200 p-3" data-testid="checklist">
      <p className="text-sm font-medium">Receiver tasks — {landscape}</p>
      {items.length === 0 ? (
        <p className="text-sm text-slate-600">No tasks yet: the receiver administrator writes the list.</p>
      ) : null}
      <ol className="space-y-2 text-sm">
        {items.map((item) => (
          <li key={item.id} data-done={item.done ? "yes" : "no"}>
            <span aria-hidden="true">{item.done ? "✓ " : "☐ "}</span>
            {item.label}
            {item.thirdParty && !item.done ? (
              <span className="text-slate-600"> (usually {item.thirdParty})</span>
            ) : null}
            {item.done ? (
              <div className="text-xs text-slate-600">Done: {item.done}</div>
            ) : canAct ? (
              <TickForm caseId={caseId} item={item} />
            ) : null}
          </li>
        ))}
      </ol>
      {canAct ? <AddItemForm caseId={caseId} /> : null}
    </div>
  );
}
