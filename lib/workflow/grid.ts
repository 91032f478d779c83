import { workflowFor, type Variant } from "./definitions";

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
 * Variant A's clean-up waits until the flows have been restarted on every node: a node not restarted may still
 * present the old certificate, so its root must stay accepted. Variant B exchanges everything in one window.
 */
export function restartsBlockingCleanUp(
  variant: Variant,
  flows: readonly string[],
  nodes: readonly string[],
  confirmations: readonly (GridCell & { stepNumber: number })[],
): GridCell[] {
  if (variant !== "A") return [];
  const restart = workflowFor(variant).steps.find((step) => step.key === "restart-flows")!;
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
