import { useId } from "react";
import { workflowFor, type StepStatus, type Variant } from "@/lib/workflow";
import type { CaseDetail } from "@/lib/workflow/queries/case-detail";
import {
  layoutSwimlane,
  type Point,
  type StepOutline,
  type SwimlaneArrow,
  type SwimlaneBox,
  type SwimlaneLayout,
  type SwimlaneStepState,
  type SwimlaneText,
} from "@/lib/workflow/swimlane";

/** The fields of a case step the diagram needs; `CaseDetail["steps"]` fits as it is. */
export type SwimlaneStep = Pick<CaseDetail["steps"][number], "number" | "status" | "completedAt" | "channel" | "completedBy">;

interface Props {
  variant: Variant;
  steps: readonly SwimlaneStep[];
  /** Each step links to its card (`#step-N`) on the case page; turn off where those cards are absent. */
  linkToSteps?: boolean;
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

const OUTLINE: Record<StepOutline, { strokeWidth: number; strokeDasharray?: string }> = {
  solid: { strokeWidth: 1.5 },
  thick: { strokeWidth: 3.5 },
  dashed: { strokeWidth: 1.5, strokeDasharray: "5 3" },
  dotted: { strokeWidth: 1.5, strokeDasharray: "1.5 2.5" },
};

const INK = { meta: "#334155", lane: "#0f172a", laneLine: "#cbd5e1", handover: "#0f172a", sequence: "#475569" };
const LANE_FILL = ["#f8fafc", "#ffffff"];
const FOCUS_RING = "#c2410c";

/* The focus ring is the only thing drawn by CSS: it must appear on keyboard focus and never on paper. */
const FOCUS_CSS = `
.rd-swimlane-step { outline: none; }
.rd-swimlane-step:focus-visible .rd-swimlane-focus { stroke: ${FOCUS_RING}; }
@media print { .rd-swimlane-focus { stroke: none !important; } }
`;

/** Resolves "who did it" the way the step cards do: the system is Renewal Desk. */
function toStepState(step: SwimlaneStep): SwimlaneStepState {
  const completedBy = step.channel === "SYSTEM" ? "Renewal Desk" : (step.completedBy?.name ?? step.completedBy?.email ?? null);
  return { number: step.number, status: step.status, completedAt: step.completedAt, completedBy };
}

/** Swimlane diagram of a case: one lane per role, the steps from left to right, rendered on the server as SVG. */
export function Swimlane({ variant, steps, linkToSteps = true, zone = "UTC" }: Props) {
  const id = useId();
  const layout = layoutSwimlane(workflowFor(variant), steps.map(toStepState), zone);
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  return (
    <svg
      role="img"
      aria-labelledby={titleId}
      aria-describedby={descId}
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      width="100%"
      // Never wider than its natural size, so variant A does not blow up on a wide page.
      style={{ maxWidth: layout.width, height: "auto", display: "block" }}
      data-testid="swimlane"
    >
      <title id={titleId}>{layout.title}</title>
      <desc id={descId}>{layout.summary}</desc>
      <style>{FOCUS_CSS}</style>
      <Lanes layout={layout} />
      {layout.arrows.map((arrow) => (
        <Arrow key={`${arrow.kind}-${arrow.fromStep}`} arrow={arrow} />
      ))}
      <Partners layout={layout} />
      {layout.boxes.map((box) => (
        <Step key={box.number} box={box} link={linkToSteps} />
      ))}
      <Legend layout={layout} />
    </svg>
  );
}

function Lanes({ layout }: { layout: SwimlaneLayout }) {
  return (
    <g aria-hidden="true">
      {layout.lanes.map((lane, index) => (
        <g key={lane.role}>
          <rect x={0} y={lane.y} width={layout.width} height={lane.height} fill={LANE_FILL[index % 2]} stroke={INK.laneLine} strokeWidth={1} />
          {lane.labelLines.map((line) => (
            <Text key={line.text} line={line} fill={INK.lane} />
          ))}
        </g>
      ))}
    </g>
  );
}

function Arrow({ arrow }: { arrow: SwimlaneArrow }) {
  const colour = arrow.kind === "handover" ? INK.handover : INK.sequence;
  return (
    <g aria-hidden="true" data-arrow={arrow.kind} data-from={arrow.fromStep}>
      <polyline
        points={toPoints(arrow.points)}
        fill="none"
        stroke={colour}
        strokeWidth={arrow.kind === "handover" ? 2 : 1.5}
        // A way not yet travelled is dashed.
        strokeDasharray={arrow.settled ? undefined : "4 3"}
      />
      <polygon points={toPoints(arrow.head)} fill={colour} />
    </g>
  );
}

function Partners({ layout }: { layout: SwimlaneLayout }) {
  return layout.partners.map((partner) => (
    <g key={`partner-${partner.step}`} aria-hidden="true">
      <rect x={partner.x} y={partner.y} width={partner.w} height={partner.h} rx={6} fill="#ffffff" stroke={INK.sequence} strokeWidth={1} strokeDasharray="2 2" />
      {partner.lines.map((line) => (
        <Text key={line.text} line={line} fill={INK.meta} />
      ))}
    </g>
  ));
}

/** One step: a single focus stop, either the link to its card or the group itself. */
function Step({ box, link }: { box: SwimlaneBox; link: boolean }) {
  const content = (
    <>
      <title>{box.description}</title>
      <StepShape box={box} />
    </>
  );
  const common = { className: "rd-swimlane-step", "data-step": box.number, "data-status": box.status, "aria-current": box.current ? ("step" as const) : undefined };
  if (link) {
    return (
      <a href={`#step-${box.number}`} {...common}>
        {content}
      </a>
    );
  }
  return (
    <g tabIndex={0} {...common}>
      {content}
    </g>
  );
}

function StepShape({ box }: { box: SwimlaneBox }) {
  const colour = STATUS_COLOUR[box.status];
  return (
    <g>
      <rect
        className="rd-swimlane-focus"
        x={box.x - 4}
        y={box.y - 4}
        width={box.w + 8}
        height={box.h + 8}
        rx={box.radius + 4}
        fill="none"
        stroke="none"
        strokeWidth={2.5}
      />
      <rect x={box.x} y={box.y} width={box.w} height={box.h} rx={box.radius} fill={colour.fill} stroke={colour.stroke} {...OUTLINE[box.appearance.outline]} />
      {box.lines.map((line, index) => (
        <Text key={index} line={line} fill={colour.text} />
      ))}
      {box.meta.map((line, index) => (
        <Text key={`meta-${index}`} line={line} fill={INK.meta} />
      ))}
    </g>
  );
}

function Legend({ layout }: { layout: SwimlaneLayout }) {
  return (
    <g aria-hidden="true">
      {layout.legend.map((item) => {
        const colour = item.status ? STATUS_COLOUR[item.status] : { fill: "#ffffff", stroke: INK.handover };
        const outline = item.appearance ? OUTLINE[item.appearance.outline] : OUTLINE.solid;
        return (
          <g key={item.status ?? "handover"}>
            <rect
              x={item.swatch.x}
              y={item.swatch.y}
              width={item.swatch.w}
              height={item.swatch.h}
              rx={item.pill ? item.swatch.h / 2 : 2}
              fill={colour.fill}
              stroke={colour.stroke}
              {...outline}
            />
            <Text line={item.text} fill={INK.meta} />
          </g>
        );
      })}
    </g>
  );
}

function Text({ line, fill }: { line: SwimlaneText; fill: string }) {
  return (
    <text
      x={line.x}
      y={line.y}
      fontSize={line.size}
      fontWeight={line.bold ? 700 : 400}
      textAnchor={line.anchor}
      fill={fill}
      textDecoration={line.struck ? "line-through" : undefined}
    >
      {line.text}
    </text>
  );
}

function toPoints(points: readonly Point[]): string {
  return points.map((point) => `${round(point.x)},${round(point.y)}`).join(" ");
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
