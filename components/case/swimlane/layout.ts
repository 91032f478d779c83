/**
 * Geometry for the swimlane diagram of a case: one lane per role, every step in order from left to right.
 * Pure data in, pure data out (no React), so the picture can be checked in unit tests and drawn by any renderer.
 * Units are SVG user units; the renderer scales the whole drawing to the page width through its viewBox.
 */
import { formatInZone, formatterFor } from "@/lib/time/zones";
import { ROLES, ROLE_LABEL, ROLE_SHORT, type Role } from "@/lib/workflow/roles";
import {
  labelOfStep,
  rolesOf,
  stepLabel,
  stepTotal,
  type StepDefinition,
  type WorkflowDefinition,
} from "@/lib/workflow/definitions";
import type { StepStatus } from "@/lib/workflow/transitions";

export interface SwimlaneStepState {
  readonly number: number;
  readonly status: StepStatus;
  readonly completedAt?: Date | null;
  /** Who completed the step, already resolved to a display name ("Renewal Desk" for the system). */
  readonly completedBy?: string | null;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** How the outline is drawn; together with the symbol it tells the statuses apart without colour. */
export type StepOutline = "solid" | "thick" | "dashed" | "dotted";

export interface StepAppearance {
  readonly symbol: string;
  readonly label: string;
  readonly outline: StepOutline;
  /** Cancelled steps have their text struck through. */
  readonly struck: boolean;
}

/** Same symbols and words as the status badge on the step cards, so both read alike. */
export const STEP_APPEARANCE: Record<StepStatus, StepAppearance> = {
  DONE: { symbol: "✓", label: "Done", outline: "solid", struck: false },
  READY: { symbol: "▶", label: "Ready", outline: "thick", struck: false },
  BLOCKED: { symbol: "…", label: "Blocked", outline: "dashed", struck: false },
  CANCELLED: { symbol: "✕", label: "Cancelled", outline: "dotted", struck: true },
};

export type TextTone = "heading" | "body" | "meta" | "lane";

export interface SwimlaneText {
  readonly text: string;
  /** Baseline position. */
  readonly x: number;
  readonly y: number;
  readonly size: number;
  readonly bold: boolean;
  readonly anchor: "start" | "middle";
  readonly tone: TextTone;
  readonly struck: boolean;
}

export interface SwimlaneLane {
  readonly role: Role;
  readonly label: string;
  readonly y: number;
  readonly height: number;
  /** The line through the middle of the step boxes; connectors run along it. */
  readonly midY: number;
  readonly labelLines: readonly SwimlaneText[];
}

export interface SwimlaneBox {
  readonly number: number;
  readonly key: string;
  readonly kind: StepDefinition["kind"];
  readonly role: Role;
  readonly status: StepStatus;
  /** The ready step: the one somebody has to act on now. */
  readonly current: boolean;
  readonly appearance: StepAppearance;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly radius: number;
  readonly title: string;
  /** One sentence for the step's tooltip / accessible name. */
  readonly description: string;
  /** Text inside the box. */
  readonly lines: readonly SwimlaneText[];
  /** Who and when, under the box (done steps only). */
  readonly meta: readonly SwimlaneText[];
}

export interface SwimlaneArrow {
  /** "handover" arrows leave a hand-over step and cross from the sender's lane to the receiver's lane. */
  readonly kind: "sequence" | "handover";
  readonly fromStep: number;
  /** The step the arrow ends at, or null when it only ends in the receiver's lane. */
  readonly toStep: number | null;
  readonly fromRole: Role;
  readonly toRole: Role;
  /** The polyline up to the base of the arrowhead. */
  readonly points: readonly Point[];
  /** Triangle of the arrowhead; its first point is the tip. */
  readonly head: readonly Point[];
  /** The step the arrow leaves is done, so the way has been travelled. */
  readonly settled: boolean;
}

/** A role that takes part in a step it does not own (the downtime agreement). */
export interface SwimlanePartner {
  readonly step: number;
  readonly role: Role;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly lines: readonly SwimlaneText[];
}

export interface SwimlaneLegendItem {
  /** null for the hand-over entry, which explains the pill shape rather than a status. */
  readonly status: StepStatus | null;
  readonly appearance: StepAppearance | null;
  readonly pill: boolean;
  readonly swatch: { readonly x: number; readonly y: number; readonly w: number; readonly h: number };
  readonly text: SwimlaneText;
}

export interface SwimlaneLayout {
  readonly width: number;
  readonly height: number;
  readonly title: string;
  readonly summary: string;
  readonly lanes: readonly SwimlaneLane[];
  readonly boxes: readonly SwimlaneBox[];
  readonly arrows: readonly SwimlaneArrow[];
  readonly partners: readonly SwimlanePartner[];
  readonly legend: readonly SwimlaneLegendItem[];
}

/*
 * Sizes. Eleven steps have to fit the page width (about 1100 px) and stay legible, so hand-overs get a narrow
 * column of their own and action steps a wider one. Text is wrapped by character count: the server has no
 * font metrics, so AVERAGE_CHAR_WIDTH is a deliberately generous estimate for sans-serif text.
 */
const MARGIN = 6;
const LABEL_WIDTH = 96;
const GAP = 16;
const ACTION_WIDTH = 124;
const ACTION_HEIGHT = 66;
const HANDOVER_WIDTH = 48;
const HANDOVER_HEIGHT = 40;
const LANE_PADDING = 10;
const META_HEIGHT = 30;
const LANE_HEIGHT = LANE_PADDING + ACTION_HEIGHT + META_HEIGHT + LANE_PADDING;
const BOX_PADDING = 6;
const ARROW_HEAD = 6;
const LEGEND_HEIGHT = 24;
const AVERAGE_CHAR_WIDTH = 0.55;
const BOLD_CHAR_WIDTH = 0.6;
const FONT = { heading: 11, body: 11, meta: 10, handoverMeta: 9, lane: 10.5 } as const;
const LINE_HEIGHT = 1.25;
const TITLE_LINES = 3;

/** How many characters of a given size fit into a width (the wrapping budget). */
export function charsThatFit(width: number, fontSize: number, bold = false): number {
  return Math.max(1, Math.floor(width / (fontSize * (bold ? BOLD_CHAR_WIDTH : AVERAGE_CHAR_WIDTH))));
}

/**
 * Greedy word wrap into at most `maxLines` lines of at most `maxChars` characters.
 * Words longer than a line are cut; text that does not fit ends in "…" (the full text is in the tooltip).
 */
export function wrapText(text: string, maxChars: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (candidate.length <= maxChars) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    let rest = word;
    while (rest.length > maxChars) {
      lines.push(rest.slice(0, maxChars));
      rest = rest.slice(maxChars);
    }
    line = rest;
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = withEllipsis(kept[maxLines - 1]!, maxChars);
  return kept;
}

/** Ends a line with "…", dropping the last word (or characters) to make room. */
function withEllipsis(line: string, maxChars: number): string {
  if (line.length + 1 <= maxChars) return `${line}…`;
  const lastSpace = line.lastIndexOf(" ");
  const shortened = lastSpace > 0 ? line.slice(0, lastSpace) : line.slice(0, maxChars - 1);
  return `${shortened.slice(0, maxChars - 1).trimEnd()}…`;
}

/** [1, 2, 3, 4, 6] → "1–4 and 6". Expects ascending numbers; `label` names each (the procedure's "4a"). */
export function formatNumberRanges(numbers: readonly number[], label: (number: number) => string = String): string {
  const runs: string[] = [];
  let start = numbers[0];
  for (let index = 0; index < numbers.length; index++) {
    const current = numbers[index]!;
    const next = numbers[index + 1];
    if (next === current + 1) continue;
    runs.push(start === current ? label(current) : `${label(start!)}–${label(current)}`);
    start = next;
  }
  if (runs.length <= 1) return runs.join("");
  return `${runs.slice(0, -1).join(", ")} and ${runs.at(-1)}`;
}

function stepsPhrase(definition: WorkflowDefinition, numbers: readonly number[]): string {
  const label = (number: number) => labelOfStep(definition, number);
  return `${numbers.length === 1 ? "step" : "steps"} ${formatNumberRanges(numbers, label)}`;
}

function roleName(role: Role): string {
  return `the ${ROLE_LABEL[role].toLowerCase()}`;
}

/** "Step 5 of 9 is ready for the tenant administrator; steps 1–4 done." */
export function summarizeProgress(definition: WorkflowDefinition, states: readonly SwimlaneStepState[]): string {
  const total = stepTotal(definition);
  const numbersWith = (status: StepStatus) =>
    states
      .filter((state) => state.status === status)
      .map((state) => state.number)
      .sort((a, b) => a - b);
  const done = numbersWith("DONE");
  const cancelled = numbersWith("CANCELLED");
  const ready = definition.steps.find((step) =>
    states.some((state) => state.number === step.number && state.status === "READY"),
  );

  if (done.length === definition.steps.length) return `All ${total} steps are done.`;
  const doneClause = done.length > 0 ? `${stepsPhrase(definition, done)} done` : "no step done yet";
  if (cancelled.length > 0)
    return `The procedure was cancelled: ${doneClause}; ${stepsPhrase(definition, cancelled)} of ${total} cancelled.`;
  if (ready) return `Step ${stepLabel(ready)} of ${total} is ready for ${roleName(ready.role)}; ${doneClause}.`;
  return `No step of ${total} is ready; ${doneClause}.`;
}

/** A date (narrow hand-overs) or a date and time with the zone named, in the viewer's time zone. */
function when(date: Date, zone: string, dateOnly = false): string {
  return dateOnly ? formatterFor("en-GB", zone, { dateStyle: "medium" }).format(date) : formatInZone(date, zone);
}

interface Column {
  readonly step: StepDefinition;
  readonly state: SwimlaneStepState;
  readonly x: number;
  readonly width: number;
}

function placeColumns(definition: WorkflowDefinition, states: readonly SwimlaneStepState[]): Column[] {
  let x = MARGIN + LABEL_WIDTH + GAP;
  return definition.steps.map((step) => {
    // A step without a stored state has not been reached: draw it as waiting.
    const state = states.find((candidate) => candidate.number === step.number) ?? {
      number: step.number,
      status: "BLOCKED",
    };
    const width = step.kind === "handover" ? HANDOVER_WIDTH : ACTION_WIDTH;
    const column = { step, state, x, width };
    x += width + GAP;
    return column;
  });
}

/** One lane per role the procedure needs, in the usual order of roles. */
function placeLanes(definition: WorkflowDefinition): SwimlaneLane[] {
  const needed = rolesOf(definition);
  return ROLES.filter((role) => needed.includes(role)).map((role, index) => {
    const y = MARGIN + index * LANE_HEIGHT;
    const label = `${ROLE_LABEL[role]} (${ROLE_SHORT[role]})`;
    const wrapped = wrapText(label, charsThatFit(LABEL_WIDTH - 2 * BOX_PADDING, FONT.lane, true), 3);
    const lineStep = FONT.lane * LINE_HEIGHT;
    const firstBaseline = y + LANE_HEIGHT / 2 - ((wrapped.length - 1) * lineStep) / 2 + FONT.lane * 0.35;
    const labelLines = wrapped.map((text, line) =>
      textAt(text, MARGIN + BOX_PADDING, firstBaseline + line * lineStep, FONT.lane, { bold: true, tone: "lane" }),
    );
    return {
      role,
      label: ROLE_LABEL[role],
      y,
      height: LANE_HEIGHT,
      midY: y + LANE_PADDING + ACTION_HEIGHT / 2,
      labelLines,
    };
  });
}

function textAt(
  text: string,
  x: number,
  y: number,
  size: number,
  options: { bold?: boolean; anchor?: SwimlaneText["anchor"]; tone: TextTone; struck?: boolean },
): SwimlaneText {
  return {
    text,
    x,
    y,
    size,
    bold: options.bold ?? false,
    anchor: options.anchor ?? "start",
    tone: options.tone,
    struck: options.struck ?? false,
  };
}

function laneOf(lanes: readonly SwimlaneLane[], role: Role): SwimlaneLane {
  return lanes.find((lane) => lane.role === role)!;
}

function describeStep(step: StepDefinition, state: SwimlaneStepState, total: string, zone: string): string {
  const who =
    step.kind === "handover" && step.to
      ? `hand-over from ${roleName(step.role)} to ${roleName(step.to)}`
      : `${ROLE_LABEL[step.role]}${step.with ? ` with ${roleName(step.with)}` : ""}`;
  const status =
    state.status === "READY" ? "ready, the current step" : STEP_APPEARANCE[state.status].label.toLowerCase();
  const completion =
    state.status === "DONE" && state.completedAt
      ? ` by ${state.completedBy ?? "an unknown person"} on ${when(state.completedAt, zone)}`
      : "";
  return `Step ${stepLabel(step)} of ${total}: ${step.title}. ${who}. ${status}${completion}.`;
}

function actionLines(column: Column, box: { x: number; y: number }, appearance: StepAppearance): SwimlaneText[] {
  const left = box.x + BOX_PADDING;
  const innerWidth = ACTION_WIDTH - 2 * BOX_PADDING;
  const headingBaseline = box.y + BOX_PADDING + FONT.heading;
  const heading = textAt(
    `${appearance.symbol} ${stepLabel(column.step)} · ${appearance.label}`,
    left,
    headingBaseline,
    FONT.heading,
    {
      bold: true,
      tone: "heading",
    },
  );
  const title = wrapText(column.step.title, charsThatFit(innerWidth, FONT.body), TITLE_LINES).map((text, line) =>
    textAt(text, left, headingBaseline + (line + 1) * FONT.body * LINE_HEIGHT + 1, FONT.body, {
      tone: "body",
      struck: appearance.struck,
    }),
  );
  return [heading, ...title];
}

function handoverLines(column: Column, box: { x: number; y: number }, appearance: StepAppearance): SwimlaneText[] {
  const centre = box.x + HANDOVER_WIDTH / 2;
  const receiver = column.step.to ? `to ${ROLE_SHORT[column.step.to]}` : "hand-over";
  return [
    textAt(`${appearance.symbol} ${stepLabel(column.step)}`, centre, box.y + HANDOVER_HEIGHT / 2 - 3, FONT.heading, {
      bold: true,
      anchor: "middle",
      tone: "heading",
    }),
    textAt(receiver, centre, box.y + HANDOVER_HEIGHT / 2 + FONT.body, FONT.body, {
      anchor: "middle",
      tone: "body",
      struck: appearance.struck,
    }),
  ];
}

/** Who and when under a done step: a name line (two on narrow hand-overs) and the date in the viewer's zone. */
function metaLines(column: Column, box: { x: number; y: number; w: number; h: number }, zone: string): SwimlaneText[] {
  const { state } = column;
  if (state.status !== "DONE") return [];
  const narrow = column.step.kind === "handover";
  const size = narrow ? FONT.handoverMeta : FONT.meta;
  const maxChars = charsThatFit(column.width, size);
  const who = wrapText(state.completedBy ?? "unknown", maxChars, narrow ? 2 : 1);
  const at = state.completedAt ? [when(state.completedAt, zone, narrow)] : [];
  const x = narrow ? box.x + box.w / 2 : box.x + 2;
  return [...who, ...at].map((text, line) =>
    textAt(text, x, box.y + box.h + 3 + (line + 1) * size * 1.15, size, {
      anchor: narrow ? "middle" : "start",
      tone: "meta",
    }),
  );
}

function placeBox(column: Column, lane: SwimlaneLane, total: string, zone: string): SwimlaneBox {
  const { step, state } = column;
  const handover = step.kind === "handover";
  const h = handover ? HANDOVER_HEIGHT : ACTION_HEIGHT;
  const box = { x: column.x, y: lane.midY - h / 2, w: column.width, h };
  const appearance = STEP_APPEARANCE[state.status];
  return {
    number: step.number,
    key: step.key,
    kind: step.kind,
    role: step.role,
    status: state.status,
    current: state.status === "READY",
    appearance,
    ...box,
    // Hand-overs are pills, actions rectangles: the kind is visible at a glance.
    radius: handover ? h / 2 : 6,
    title: step.title,
    description: describeStep(step, state, total, zone),
    lines: handover ? handoverLines(column, box, appearance) : actionLines(column, box, appearance),
    meta: metaLines(column, box, zone),
  };
}

function arrowHeadPointingRight(tip: Point): Point[] {
  return [
    tip,
    { x: tip.x - ARROW_HEAD, y: tip.y - ARROW_HEAD * 0.6 },
    { x: tip.x - ARROW_HEAD, y: tip.y + ARROW_HEAD * 0.6 },
  ];
}

function arrowHeadPointingVertically(tip: Point, downwards: boolean): Point[] {
  const baseY = tip.y + (downwards ? -ARROW_HEAD : ARROW_HEAD);
  return [tip, { x: tip.x - ARROW_HEAD * 0.6, y: baseY }, { x: tip.x + ARROW_HEAD * 0.6, y: baseY }];
}

/** Right edge of one box to the left edge of a later one; lane changes turn in the gap between them. */
function elbow(from: SwimlaneBox, to: SwimlaneBox): { points: Point[]; head: Point[] } {
  const start = { x: from.x + from.w, y: from.y + from.h / 2 };
  const tip = { x: to.x, y: to.y + to.h / 2 };
  const end = { x: tip.x - ARROW_HEAD, y: tip.y };
  const turnX = start.x + GAP / 2;
  const points = start.y === tip.y ? [start, end] : [start, { x: turnX, y: start.y }, { x: turnX, y: tip.y }, end];
  return { points, head: arrowHeadPointingRight(tip) };
}

/** A hand-over whose next step is not in the receiver's lane still shows where it goes: down or up into that lane. */
function handoverIntoLane(from: SwimlaneBox, receiver: SwimlaneLane): { points: Point[]; head: Point[] } {
  const start = { x: from.x + from.w, y: from.y + from.h / 2 };
  const turnX = start.x + GAP / 2;
  const downwards = receiver.midY > start.y;
  const tip = { x: turnX, y: receiver.midY };
  const end = { x: turnX, y: tip.y + (downwards ? -ARROW_HEAD : ARROW_HEAD) };
  return { points: [start, { x: turnX, y: start.y }, end], head: arrowHeadPointingVertically(tip, downwards) };
}

function connect(
  definition: WorkflowDefinition,
  boxes: readonly SwimlaneBox[],
  lanes: readonly SwimlaneLane[],
): SwimlaneArrow[] {
  const arrows: SwimlaneArrow[] = [];
  boxes.forEach((from, index) => {
    const next = boxes[index + 1];
    const receiver = definition.steps[index]!.to;
    const settled = from.status === "DONE";
    if (from.kind === "handover" && receiver) {
      const reachesNext = next !== undefined && next.role === receiver;
      const shape = reachesNext ? elbow(from, next) : handoverIntoLane(from, laneOf(lanes, receiver));
      arrows.push({
        kind: "handover",
        fromStep: from.number,
        toStep: reachesNext ? next.number : null,
        fromRole: from.role,
        toRole: receiver,
        ...shape,
        settled,
      });
      if (reachesNext || !next) return;
    }
    if (next)
      arrows.push({
        kind: "sequence",
        fromStep: from.number,
        toStep: next.number,
        fromRole: from.role,
        toRole: next.role,
        ...elbow(from, next),
        settled,
      });
  });
  return arrows;
}

/** A dotted marker in the partner's lane, under the step it takes part in. */
function placePartners(columns: readonly Column[], lanes: readonly SwimlaneLane[]): SwimlanePartner[] {
  return columns.flatMap(({ step, x, width }) => {
    if (!step.with) return [];
    const lane = laneOf(lanes, step.with);
    const h = 34;
    const y = lane.midY - h / 2;
    const wrapped = wrapText(
      `Takes part in step ${stepLabel(step)}`,
      charsThatFit(width - 2 * BOX_PADDING, FONT.meta),
      2,
    );
    const lineStep = FONT.meta * LINE_HEIGHT;
    const firstBaseline = lane.midY - ((wrapped.length - 1) * lineStep) / 2 + FONT.meta * 0.35;
    const lines = wrapped.map((text, line) =>
      textAt(text, x + width / 2, firstBaseline + line * lineStep, FONT.meta, { anchor: "middle", tone: "meta" }),
    );
    return [{ step: step.number, role: step.with, x, y, w: width, h, lines }];
  });
}

function placeLegend(top: number): SwimlaneLegendItem[] {
  let x = MARGIN + LABEL_WIDTH + GAP;
  const entries: { status: StepStatus | null; label: string }[] = [
    ...(["DONE", "READY", "BLOCKED", "CANCELLED"] as const).map((status) => {
      const appearance = STEP_APPEARANCE[status];
      return {
        status,
        label: `${appearance.symbol} ${appearance.label}${status === "READY" ? " (current step)" : ""}`,
      };
    }),
    { status: null, label: "Hand-over, sent by Renewal Desk" },
  ];
  return entries.map(({ status, label }) => {
    const appearance = status ? STEP_APPEARANCE[status] : null;
    const pill = status === null;
    const swatch = { x, y: top + 6, w: pill ? 20 : 16, h: 12 };
    const text = textAt(label, x + swatch.w + 5, top + 16, FONT.meta, {
      tone: "meta",
      struck: appearance?.struck ?? false,
    });
    x += swatch.w + 5 + label.length * FONT.meta * AVERAGE_CHAR_WIDTH + 18;
    return { status, appearance, pill, swatch, text };
  });
}

export function layoutSwimlane(
  definition: WorkflowDefinition,
  states: readonly SwimlaneStepState[],
  zone = "UTC",
): SwimlaneLayout {
  const lanes = placeLanes(definition);
  const columns = placeColumns(definition, states);
  const total = stepTotal(definition);
  const boxes = columns.map((column) => placeBox(column, laneOf(lanes, column.step.role), total, zone));
  const lanesBottom = MARGIN + lanes.length * LANE_HEIGHT;
  const lastColumn = columns.at(-1);
  return {
    width: (lastColumn ? lastColumn.x + lastColumn.width : MARGIN + LABEL_WIDTH) + GAP + MARGIN,
    height: lanesBottom + LEGEND_HEIGHT + MARGIN,
    title: definition.variant
      ? `Swimlane of procedure ${definition.variant}: ${definition.name}`
      : `Swimlane of the procedure: ${definition.familyName}`,
    summary: summarizeProgress(definition, states),
    lanes,
    boxes,
    arrows: connect(definition, boxes, lanes),
    partners: placePartners(columns, lanes),
    legend: placeLegend(lanesBottom),
  };
}
