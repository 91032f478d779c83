"use client";

import { useActionState } from "react";
import { confirmGridAction } from "@/lib/workflow/input-actions";
import { buttonClass } from "@/components/ui/field";
import { ActionFeedback } from "./action-feedback";

export interface GridCellView {
  flow: string;
  node: string;
  /** "Dana Developer, 28 Nov 2026, 18:02 CET" when confirmed. */
  confirmed?: string;
}

/** Flows × runtime nodes: every cell is confirmed by the integration developer, each recorded with who and when. */
export function FlowNodeGrid(props: {
  caseId: string;
  stepNumber: number;
  verb: string;
  flows: string[];
  nodes: string[];
  cells: GridCellView[];
  canConfirm: boolean;
}) {
  const [state, action, pending] = useActionState(confirmGridAction, null);
  const cell = (flow: string, node: string) =>
    props.cells.find((candidate) => candidate.flow === flow && candidate.node === node);
  const open = props.cells.filter((candidate) => !candidate.confirmed).length;
  return (
    <form action={action} className="mt-3 space-y-2">
      <ActionFeedback state={state} />
      <input type="hidden" name="caseId" value={props.caseId} />
      <input type="hidden" name="stepNumber" value={props.stepNumber} />
      <table className="w-full border-collapse text-left text-sm" data-testid={`grid-${props.stepNumber}`}>
        <caption className="pb-1 text-left text-xs text-slate-600">
          {props.verb} every flow on every runtime node: {props.cells.length - open} of {props.cells.length} confirmed.
        </caption>
        <thead>
          <tr>
            <th className="border border-slate-200 p-1">Flow \ node</th>
            {props.nodes.map((node) => (
              <th key={node} className="border border-slate-200 p-1 font-mono text-xs">
                {node}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.flows.map((flow) => (
            <tr key={flow}>
              <th className="border border-slate-200 p-1 font-medium">{flow}</th>
              {props.nodes.map((node) => {
                const current = cell(flow, node);
                return (
                  <td
                    key={node}
                    className={`border border-slate-200 p-1 ${current?.confirmed ? "bg-emerald-50" : ""}`}
                    data-cell={`${flow}|${node}`}
                  >
                    {current?.confirmed ? (
                      <span className="text-xs">
                        <span aria-hidden="true">✓ </span>
                        {current.confirmed}
                      </span>
                    ) : props.canConfirm ? (
                      <label className="flex items-center gap-1 text-xs">
                        <input type="checkbox" name="cell" value={JSON.stringify({ flow, node })} />
                        {props.verb.toLowerCase()} {flow} on {node}
                      </label>
                    ) : (
                      <span className="text-xs text-slate-500">open</span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {props.canConfirm && open > 0 ? (
        <button className={buttonClass} disabled={pending}>
          Confirm the ticked flows and nodes
        </button>
      ) : null}
    </form>
  );
}
