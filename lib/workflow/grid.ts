import { workflowFor, type ProcedureId } from "./definitions";

/** The flows × runtime nodes grid of a stop or restart step: every flow must be handled on every node. */
export interface GridCell {
  flow: string;
  node: string;
}

export function gridCells(flows: readonly string[], nodes: readonly string[]): GridCell[] {
  return flows.flatMap((flow) => nodes.map((node) => ({ flow, node })));
}

export function missingCells(
  flows: readonly string[],
  nodes: readonly string[],
  confirmed: readonly GridCell[],
): GridCell[] {
  const done = new Set(confirmed.map((cell) => `${cell.flow}\u0000${cell.node}`));
  return gridCells(flows, nodes).filter((cell) => !done.has(`${cell.flow}\u0000${cell.node}`));
}

export function gridComplete(
  flows: readonly string[],
  nodes: readonly string[],
  confirmed: readonly GridCell[],
): boolean {
  return missingCells(flows, nodes, confirmed).length === 0;
}

/**
 * A clean-up that follows a restart waits until the flows have been restarted on every node, including nodes added
 * later: a node not restarted may still present the old certificate, so its root must stay accepted. (Variant B
 * exchanges everything in one window and has no clean-up step.)
 */
export function restartsBlockingCleanUp(
  procedure: ProcedureId,
  flows: readonly string[],
  nodes: readonly string[],
  confirmations: readonly (GridCell & { stepNumber: number })[],
): GridCell[] {
  const steps = workflowFor(procedure).steps;
  const restart = steps.find((step) => step.key === "restart-flows");
  const cleanUp = steps.find((step) => step.input === "old-root-removal");
  if (!restart || !cleanUp || cleanUp.number < restart.number) return [];
  return missingCells(
    flows,
    nodes,
    confirmations.filter((cell) => cell.stepNumber === restart.number),
  );
}

/** The TLS client keeps the keystore cached this long, so a node that was not restarted may present the old certificate until then. */
export const KEYSTORE_CACHE_MS = 24 * 60 * 60 * 1000;

export function oldCertificateMayBeUsedUntil(keystoreReplacedAt: Date): Date {
  return new Date(keystoreReplacedAt.getTime() + KEYSTORE_CACHE_MS);
}
