/** The flows × runtime nodes grid of a stop or restart step: every flow must be handled on every node. */
export interface GridCell {
  flow: string;
  node: string;
}

export function gridCells(flows: readonly string[], nodes: readonly string[]): GridCell[] {
  return flows.flatMap((flow) => nodes.map((node) => ({ flow, node })));
}

export function missingCells(flows: readonly string[], nodes: readonly string[], confirmed: readonly GridCell[]): GridCell[] {
  const done = new Set(confirmed.map((cell) => `${cell.flow}\u0000${cell.node}`));
  return gridCells(flows, nodes).filter((cell) => !done.has(`${cell.flow}\u0000${cell.node}`));
}

export function gridComplete(flows: readonly string[], nodes: readonly string[], confirmed: readonly GridCell[]): boolean {
  return missingCells(flows, nodes, confirmed).length === 0;
}

/** The TLS client keeps the keystore cached this long, so a node that was not restarted may present the old certificate until then. */
export const KEYSTORE_CACHE_MS = 24 * 60 * 60 * 1000;

export function oldCertificateMayBeUsedUntil(keystoreReplacedAt: Date): Date {
  return new Date(keystoreReplacedAt.getTime() + KEYSTORE_CACHE_MS);
}
