/** Step 7's grid in the outage test's cases: every cell is one confirmation, one transaction, one audit event. */
export const FLOWS = ["Orders", "Invoices", "Payments", "Deliveries", "Returns", "Stock"];
export const NODES = ["node-1", "node-2", "node-3", "node-4", "node-5"];

export function gridCells(): { flow: string; node: string }[] {
  return FLOWS.flatMap((flow) => NODES.map((node) => ({ flow, node })));
}
