import { workflowFor, type ProcedureId, type StepStatus } from "@/lib/workflow";
import type { CaseDetail } from "@/lib/workflow/queries/case-detail";
import { completedByName } from "@/lib/people";
import {
  layoutSwimlane,
  type Point,
  type StepOutline,
  type SwimlaneArrow,
  type SwimlaneBox,
  type SwimlaneLayout,
  type SwimlaneStepState,
  type SwimlaneText,
} from "./layout";

/** The fields of a case step the diagram needs; `CaseDetail["steps"]` fits as it is. */
export type SwimlaneStep = Pick<
  CaseDetail["steps"][number],
  "number" | "status" | "completedAt" | "channel" | "completedBy"
>;

interface Props {
  procedure: ProcedureId;
  steps: readonly SwimlaneStep[];
  /** The viewer's time zone for who-and-when under done steps. */
  zone?: string;
}

/*
 * Colours are SVG attributes rather than Tailwind classes so that the diagram prints exactly as on screen
 * (SVG fills are not subject to the browser's "print backgrounds" switch). Every status also differs in
 * outline and symbol, so the picture reads in black and white.
 */
const STATUS_COLOUR: Record<StepStatus, { fill: string; stroke: string; text: string }> = {
  DONE: { fill: "#dcfce7", stroke: "#15803d", text: "#14532d" },
  READY: { fill: "#dbeafe", stroke: "#1d4ed8", text: "#1e3a8a" },
  BLOCKED: { fill: "#ffffff", stroke: "#64748b", text: "#334155" },
  CANCELLED: { fill: "#f1f5f9", stroke: "#64748b", text: "#475569" },
};

const OUTLINE: Record<StepOutline, { "stroke-width": number; "stroke-dasharray"?: string }> = {
  solid: { "stroke-width": 1.5 },
  thick: { "stroke-width": 3.5 },
  dashed: { "stroke-width": 1.5, "stroke-dasharray": "5 3" },
  dotted: { "stroke-width": 1.5, "stroke-dasharray": "1.5 2.5" },
};

const INK = { meta: "#334155", lane: "#0f172a", laneLine: "#cbd5e1", handover: "#0f172a", sequence: "#475569" };
const LANE_FILL = ["#f8fafc", "#ffffff"];

/** Resolves "who did it" the way the step cards do: the system is Renewal Desk. */
function toStepState(step: SwimlaneStep): SwimlaneStepState {
  const completedBy = step.channel === null && !step.completedBy ? null : completedByName(step);
  return { number: step.number, status: step.status, completedAt: step.completedAt, completedBy };
}

/*
 * The picture is a string of SVG, kept for each distinct drawing: a case's picture changes only when one of its
 * steps does, and building hundreds of React elements for it on every request cost more than the rest of its step
 * cards. It is one image (role="img" with a title and a description); the step cards are its accessible detail,
 * so it holds nothing focusable.
 */
const drawings = new Map<string, string>();
const MAX_DRAWINGS = 500;

export function Swimlane({ procedure, steps, zone = "UTC" }: Props) {
  const states = steps.map(toStepState);
  const key = JSON.stringify([procedure, zone, states]);
  let markup = drawings.get(key);
  if (markup === undefined) {
    markup = drawSwimlane(layoutSwimlane(workflowFor(procedure), states, zone));
    if (drawings.size >= MAX_DRAWINGS) drawings.delete(drawings.keys().next().value!);
    drawings.set(key, markup);
  }
  return <div data-testid="swimlane-figure" className="overflow-x-auto" dangerouslySetInnerHTML={{ __html: markup }} />;
}

function escape(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function element(tag: string, attributes: Record<string, string | number | undefined>, children = ""): string {
  const attrs = Object.entries(attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escape(value)}"`)
    .join("");
  return `<${tag}${attrs}>${children}</${tag}>`;
}

/** The same drawing for every request that shows this state: ids come from the drawing itself. */
export function drawSwimlane(layout: SwimlaneLayout): string {
  const id = `swimlane-${hash(layout.title + layout.summary + layout.width)}`;
  return element(
    "svg",
    {
      role: "img",
      "aria-labelledby": `${id}-title`,
      "aria-describedby": `${id}-desc`,
      viewBox: `0 0 ${layout.width} ${layout.height}`,
      width: "100%",
      // Never wider than its natural size, so variant A does not blow up on a wide page.
      style: `max-width:${layout.width}px;height:auto;display:block`,
      "data-testid": "swimlane",
    },
    [
      element("title", { id: `${id}-title` }, escape(layout.title)),
      element("desc", { id: `${id}-desc` }, escape(layout.summary)),
      lanes(layout),
      ...layout.arrows.map(arrow),
      ...layout.partners.map((partner) =>
        element(
          "g",
          { "aria-hidden": "true" },
          element("rect", {
            x: partner.x,
            y: partner.y,
            width: partner.w,
            height: partner.h,
            rx: 6,
            fill: "#ffffff",
            stroke: INK.sequence,
            "stroke-width": 1,
            "stroke-dasharray": "2 2",
          }) + partner.lines.map((line) => text(line, INK.meta)).join(""),
        ),
      ),
      ...layout.boxes.map(step),
      legend(layout),
    ].join(""),
  );
}

function lanes(layout: SwimlaneLayout): string {
  return element(
    "g",
    { "aria-hidden": "true" },
    layout.lanes
      .map((lane, index) =>
        element(
          "g",
          {},
          element("rect", {
            x: 0,
            y: lane.y,
            width: layout.width,
            height: lane.height,
            fill: LANE_FILL[index % 2],
            stroke: INK.laneLine,
            "stroke-width": 1,
          }) + lane.labelLines.map((line) => text(line, INK.lane)).join(""),
        ),
      )
      .join(""),
  );
}

function arrow(line: SwimlaneArrow): string {
  const colour = line.kind === "handover" ? INK.handover : INK.sequence;
  return element(
    "g",
    { "aria-hidden": "true", "data-arrow": line.kind, "data-from": line.fromStep },
    element("polyline", {
      points: toPoints(line.points),
      fill: "none",
      stroke: colour,
      "stroke-width": line.kind === "handover" ? 2 : 1.5,
      // A way not yet travelled is dashed.
      "stroke-dasharray": line.settled ? undefined : "4 3",
    }) + element("polygon", { points: toPoints(line.head), fill: colour }),
  );
}

function step(box: SwimlaneBox): string {
  const colour = STATUS_COLOUR[box.status];
  return element(
    "g",
    { "data-step": box.number, "data-status": box.status, "aria-current": box.current ? "step" : undefined },
    element("title", {}, escape(box.description)) +
      element("rect", {
        x: box.x,
        y: box.y,
        width: box.w,
        height: box.h,
        rx: box.radius,
        fill: colour.fill,
        stroke: colour.stroke,
        ...OUTLINE[box.appearance.outline],
      }) +
      box.lines.map((line) => text(line, colour.text)).join("") +
      box.meta.map((line) => text(line, INK.meta)).join(""),
  );
}

function legend(layout: SwimlaneLayout): string {
  return element(
    "g",
    { "aria-hidden": "true" },
    layout.legend
      .map((item) => {
        const colour = item.status ? STATUS_COLOUR[item.status] : { fill: "#ffffff", stroke: INK.handover };
        const outline = item.appearance ? OUTLINE[item.appearance.outline] : OUTLINE.solid;
        return element(
          "g",
          {},
          element("rect", {
            x: item.swatch.x,
            y: item.swatch.y,
            width: item.swatch.w,
            height: item.swatch.h,
            rx: item.pill ? item.swatch.h / 2 : 2,
            fill: colour.fill,
            stroke: colour.stroke,
            ...outline,
          }) + text(item.text, INK.meta),
        );
      })
      .join(""),
  );
}

function text(line: SwimlaneText, fill: string): string {
  return element(
    "text",
    {
      x: line.x,
      y: line.y,
      "font-size": line.size,
      "font-weight": line.bold ? 700 : 400,
      "text-anchor": line.anchor,
      fill,
      "text-decoration": line.struck ? "line-through" : undefined,
    },
    escape(line.text),
  );
}

function toPoints(points: readonly Point[]): string {
  return points.map((point) => `${round(point.x)},${round(point.y)}`).join(" ");
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function hash(text: string): string {
  let value = 0;
  for (let index = 0; index < text.length; index += 1) value = (Math.imul(31, value) + text.charCodeAt(index)) | 0;
  return (value >>> 0).toString(36);
}
