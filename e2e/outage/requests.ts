import { formData, hiddenFormFields } from "../forms";
import type { OutageCase } from "./fixture";

/** One request of the load and what came back. Times are Date.now() values. */
export interface Attempt {
  kind: "page" | "confirm";
  startedAt: number;
  endedAt: number;
  /** 0 when no HTTP answer came at all (connection refused or reset, timeout). */
  status: number;
  body: string;
  /** The answer shows what was asked for: the signed-in page, or the cell confirmed. */
  succeeded: boolean;
}

const cookie = (item: OutageCase) => `authjs.session-token=${item.sessionToken}`;

async function send(
  url: string,
  init: RequestInit,
  kind: Attempt["kind"],
  succeeded: (status: number, body: string) => boolean,
): Promise<Attempt> {
  const startedAt = Date.now();
  try {
    const response = await fetch(url, { ...init, redirect: "manual", signal: AbortSignal.timeout(20_000) });
    const body = await response.text();
    return {
      kind,
      startedAt,
      endedAt: Date.now(),
      status: response.status,
      body,
      succeeded: succeeded(response.status, body),
    };
  } catch (error) {
    return {
      kind,
      startedAt,
      endedAt: Date.now(),
      status: 0,
      body: error instanceof Error ? `${error.name}: ${error.message}` : "",
      succeeded: false,
    };
  }
}

export function openPage(base: string, path: string, item: OutageCase): Promise<Attempt> {
  return send(
    `${base}${path}`,
    { headers: { cookie: cookie(item) } },
    "page",
    (status, body) => status === 200 && body.includes('data-testid="signed-in-as"'),
  );
}

/** The hidden fields of step 7's grid form (see hiddenFormFields). */
export async function gridFormFields(base: string, item: OutageCase): Promise<[string, string][]> {
  const page = await openPage(base, `/cases/${item.caseId}`, item);
  if (!page.succeeded) throw new Error(`case ${item.caseId} did not open (HTTP ${page.status})`);
  return hiddenFormFields(page.body, 'data-testid="grid-7"');
}

/** Ticks these cells and submits the grid form; succeeded when the page that comes back shows them confirmed. */
export function confirmCells(
  base: string,
  item: OutageCase,
  fields: [string, string][],
  cells: { flow: string; node: string }[],
): Promise<Attempt> {
  const form = formData(fields);
  for (const cell of cells) form.append("cell", JSON.stringify(cell));
  const shown = (body: string) =>
    cells.every((cell) => body.includes(`bg-emerald-50" data-cell="${cell.flow}|${cell.node}"`));
  return send(
    `${base}/cases/${item.caseId}`,
    { method: "POST", body: form, headers: { cookie: cookie(item), origin: base } },
    "confirm",
    (status, body) => status === 200 && shown(body),
  );
}
