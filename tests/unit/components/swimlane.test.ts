import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import {
  ROLES,
  ROLE_SHORT,
  TENANT_CLIENT_NEW_CA_BOTH,
  TENANT_CLIENT_NEW_CA_DOWNTIME,
  SENDER_CLIENT,
  LOAD_BALANCER_SERVER,
  applyPlan,
  currentStep,
  initialStepStates,
  planCompletion,
  planScheduledHandover,
  stepsToCancel,
  type StepState,
  type WorkflowDefinition,
} from "@/lib/workflow";
import {
  STEP_APPEARANCE,
  charsThatFit,
  formatNumberRanges,
  layoutSwimlane,
  summarizeProgress,
  wrapText,
  type SwimlaneLayout,
  type SwimlaneStepState,
} from "@/components/case/swimlane/layout";
import { Swimlane, drawSwimlane, type SwimlaneStep } from "@/components/case/swimlane/swimlane";

/** Each variant with an action step in the middle of the procedure. */
const MIDWAY = [
  { definition: TENANT_CLIENT_NEW_CA_BOTH, ready: 5 },
  { definition: TENANT_CLIENT_NEW_CA_DOWNTIME, ready: 6 },
];
const COMPLETED_AT = new Date("2026-03-03T23:30:00Z");

const TO_THE_END = -1;

/** Runs the real transitions until step `readyNumber` is ready, so the states are ones a case can have. */
function statesUntilReady(definition: WorkflowDefinition, readyNumber: number): StepState[] {
  let steps = initialStepStates(definition);
  for (let ready = currentStep(steps); ready && ready.number !== readyNumber; ready = currentStep(steps)) {
    const waiting = definition.steps[ready.number - 1]!.waitsFor !== undefined;
    const result = waiting
      ? planScheduledHandover(definition, "OPEN", steps, ready.number)
      : planCompletion(definition, "OPEN", steps, ready.number, [...ROLES]);
    if (!result.ok) throw new Error(result.refusal);
    steps = applyPlan(steps, result.plan);
  }
  if (readyNumber !== TO_THE_END && currentStep(steps)?.number !== readyNumber)
    throw new Error(`step ${readyNumber} never becomes ready`);
  return steps;
}

function withCompletion(states: readonly StepState[]): SwimlaneStepState[] {
  return states.map((state) =>
    state.status === "DONE" ? { ...state, completedAt: COMPLETED_AT, completedBy: "Alice Meyer" } : state,
  );
}

function laneOf(layout: SwimlaneLayout, role: string) {
  return layout.lanes.find((lane) => lane.role === role)!;
}

describe.each(MIDWAY)("layout of variant $definition.variant", ({ definition, ready }) => {
  const layout = layoutSwimlane(definition, withCompletion(statesUntilReady(definition, ready)));

  it("has one lane per role the procedure needs, top to bottom, without overlap", () => {
    expect(layout.lanes.map((lane) => lane.role)).toEqual(["TENANT_ADMIN", "RECEIVER_ADMIN", "INTEGRATION_DEVELOPER"]);
    layout.lanes
      .slice(1)
      .forEach((lane, index) =>
        expect(lane.y).toBeGreaterThanOrEqual(layout.lanes[index]!.y + layout.lanes[index]!.height),
      );
  });

  it("draws one box per step, in order from left to right, inside the lane of the owner role", () => {
    expect(layout.boxes.map((box) => box.number)).toEqual(definition.steps.map((step) => step.number));
    layout.boxes.forEach((box, index) => {
      const step = definition.steps[index]!;
      const lane = laneOf(layout, step.role);
      expect(box.role).toBe(step.role);
      expect(box.y).toBeGreaterThanOrEqual(lane.y);
      expect(box.y + box.h).toBeLessThanOrEqual(lane.y + lane.height);
      for (const line of box.meta) expect(line.y).toBeLessThanOrEqual(lane.y + lane.height);
      if (index > 0) expect(box.x).toBeGreaterThan(layout.boxes[index - 1]!.x + layout.boxes[index - 1]!.w);
    });
  });

  it("draws hand-overs compactly and actions as wider boxes", () => {
    const handover = layout.boxes.find((box) => box.kind === "handover")!;
    const action = layout.boxes.find((box) => box.kind === "action")!;
    expect(handover.w).toBeLessThan(action.w / 2);
    expect(handover.lines.map((line) => line.text)).toContain(
      `to ${ROLE_SHORT[definition.steps[handover.number - 1]!.to!]}`,
    );
  });

  it("sends every hand-over arrow from the sender's lane to the receiver's lane, in step order", () => {
    const handovers = definition.steps.filter((step) => step.kind === "handover");
    const arrows = layout.arrows.filter((arrow) => arrow.kind === "handover");
    expect(arrows.map((arrow) => arrow.fromStep)).toEqual(handovers.map((step) => step.number));
    arrows.forEach((arrow, index) => {
      const step = handovers[index]!;
      expect([arrow.fromRole, arrow.toRole]).toEqual([step.role, step.to]);
      expect(arrow.points[0]!.y).toBe(laneOf(layout, step.role).midY);
      expect(arrow.head[0]!.y).toBe(laneOf(layout, step.to!).midY);
      expect(arrow.toStep).toBe(step.number + 1);
    });
  });

  it("connects every step to the next one with an arrow that runs left to right", () => {
    const links = layout.arrows.map((arrow) => [arrow.fromStep, arrow.toStep]);
    expect(links).toEqual(definition.steps.slice(0, -1).map((step) => [step.number, step.number + 1]));
    for (const arrow of layout.arrows) {
      const xs = [...arrow.points, arrow.head[0]!].map((point) => point.x);
      expect(xs).toEqual([...xs].sort((a, b) => a - b));
      expect(arrow.head[0]!.x).toBe(layout.boxes.find((box) => box.number === arrow.toStep)!.x);
    }
  });

  it("marks the ready step as the current one and settles only the arrows leaving done steps", () => {
    expect(layout.boxes.filter((box) => box.current).map((box) => box.number)).toEqual([ready]);
    for (const arrow of layout.arrows) expect(arrow.settled).toBe(arrow.fromStep < ready);
  });

  it("shows who and when (UTC) under done steps only", () => {
    const done = layout.boxes.find((box) => box.number === 1)!;
    expect(done.meta.map((line) => line.text)).toEqual(["Alice Meyer", "3 Mar 2026, 23:30 UTC"]);
    expect(layout.boxes.filter((box) => box.status !== "DONE").every((box) => box.meta.length === 0)).toBe(true);
    expect(done.description).toContain("by Alice Meyer on 3 Mar 2026, 23:30 UTC");
  });

  it("keeps every title to at most three lines that fit the box", () => {
    for (const box of layout.boxes.filter((candidate) => candidate.kind === "action")) {
      const title = box.lines.filter((line) => line.tone === "body");
      expect(title.length).toBeGreaterThanOrEqual(2);
      expect(title.length).toBeLessThanOrEqual(3);
      for (const line of title) expect(line.text.length).toBeLessThanOrEqual(charsThatFit(box.w - 12, line.size));
    }
  });

  it("fits a page width and contains everything it draws", () => {
    expect(layout.width).toBeLessThanOrEqual(1300);
    const last = layout.boxes.at(-1)!;
    expect(last.x + last.w).toBeLessThan(layout.width);
    const legendBottom = Math.max(...layout.legend.map((item) => item.swatch.y + item.swatch.h));
    expect(legendBottom).toBeLessThanOrEqual(layout.height);
  });
});

describe("layout details", () => {
  it("gives each status its own symbol and outline, and strikes through only cancelled steps", () => {
    const appearances = Object.values(STEP_APPEARANCE);
    expect(new Set(appearances.map((appearance) => appearance.symbol)).size).toBe(4);
    expect(new Set(appearances.map((appearance) => appearance.outline)).size).toBe(4);
    expect(STEP_APPEARANCE.READY.outline).toBe("thick");
    expect(STEP_APPEARANCE.BLOCKED.outline).toBe("dashed");
    expect(appearances.filter((appearance) => appearance.struck)).toEqual([STEP_APPEARANCE.CANCELLED]);
  });

  it("starts each action box with symbol, number and status", () => {
    const layout = layoutSwimlane(TENANT_CLIENT_NEW_CA_BOTH, statesUntilReady(TENANT_CLIENT_NEW_CA_BOTH, 3));
    const headings = layout.boxes.filter((box) => box.kind === "action").map((box) => box.lines[0]!.text);
    expect(headings).toEqual(["✓ 1 · Done", "▶ 3 · Ready", "… 5 · Blocked", "… 7 · Blocked", "… 9 · Blocked"]);
  });

  it("marks the partner of the downtime agreement in its own lane (variant B only)", () => {
    const layoutB = layoutSwimlane(TENANT_CLIENT_NEW_CA_DOWNTIME, initialStepStates(TENANT_CLIENT_NEW_CA_DOWNTIME));
    expect(layoutB.partners).toHaveLength(1);
    const partner = layoutB.partners[0]!;
    const lane = laneOf(layoutB, "RECEIVER_ADMIN");
    expect(partner).toMatchObject({ step: 2, role: "RECEIVER_ADMIN", x: layoutB.boxes[1]!.x });
    expect(partner.y).toBeGreaterThanOrEqual(lane.y);
    expect(layoutSwimlane(TENANT_CLIENT_NEW_CA_BOTH, initialStepStates(TENANT_CLIENT_NEW_CA_BOTH)).partners).toEqual(
      [],
    );
  });

  it("draws a step without a stored state as blocked", () => {
    const layout = layoutSwimlane(TENANT_CLIENT_NEW_CA_BOTH, [{ number: 1, status: "READY" }]);
    expect(layout.boxes.slice(1).every((box) => box.status === "BLOCKED")).toBe(true);
  });
});

describe("summary", () => {
  it("names the ready step, its role and the done steps", () => {
    expect(summarizeProgress(TENANT_CLIENT_NEW_CA_BOTH, statesUntilReady(TENANT_CLIENT_NEW_CA_BOTH, 5))).toBe(
      "Step 5 of 9 is ready for the tenant administrator; steps 1–4 done.",
    );
    expect(summarizeProgress(TENANT_CLIENT_NEW_CA_DOWNTIME, statesUntilReady(TENANT_CLIENT_NEW_CA_DOWNTIME, 8))).toBe(
      "Step 8 of 11 is ready for the receiver administrator; steps 1–7 done.",
    );
    expect(summarizeProgress(TENANT_CLIENT_NEW_CA_DOWNTIME, initialStepStates(TENANT_CLIENT_NEW_CA_DOWNTIME))).toBe(
      "Step 1 of 11 is ready for the tenant administrator; no step done yet.",
    );
  });

  it("says when everything is done or the procedure was cancelled", () => {
    expect(summarizeProgress(TENANT_CLIENT_NEW_CA_BOTH, statesUntilReady(TENANT_CLIENT_NEW_CA_BOTH, TO_THE_END))).toBe(
      "All 9 steps are done.",
    );
    const before = statesUntilReady(TENANT_CLIENT_NEW_CA_BOTH, 3);
    const cancelled = before.map((state) =>
      stepsToCancel(before).includes(state.number) ? { ...state, status: "CANCELLED" as const } : state,
    );
    expect(summarizeProgress(TENANT_CLIENT_NEW_CA_BOTH, cancelled)).toBe(
      "The procedure was cancelled: steps 1–2 done; steps 3–9 of 9 cancelled.",
    );
  });

  it("is the layout's summary", () => {
    const states = statesUntilReady(TENANT_CLIENT_NEW_CA_BOTH, 7);
    expect(layoutSwimlane(TENANT_CLIENT_NEW_CA_BOTH, states).summary).toBe(
      summarizeProgress(TENANT_CLIENT_NEW_CA_BOTH, states),
    );
  });
});

describe("formatNumberRanges", () => {
  it("joins runs of consecutive numbers", () => {
    expect(formatNumberRanges([3])).toBe("3");
    expect(formatNumberRanges([1, 2, 3, 4])).toBe("1–4");
    expect(formatNumberRanges([1, 2, 3, 4, 6])).toBe("1–4 and 6");
    expect(formatNumberRanges([1, 3, 4, 7])).toBe("1, 3–4 and 7");
    expect(formatNumberRanges([])).toBe("");
  });
});

describe("wrapText", () => {
  it("breaks at spaces within the character budget", () => {
    expect(wrapText("Tell the tenant administrator that both certificates are accepted", 20, 4)).toEqual([
      "Tell the tenant",
      "administrator that",
      "both certificates",
      "are accepted",
    ]);
    expect(wrapText("Short title", 20, 3)).toEqual(["Short title"]);
  });

  it("ends cut-off text with an ellipsis that still fits", () => {
    const lines = wrapText("Restart the integration flows on every runtime node", 18, 2);
    expect(lines).toEqual(["Restart the", "integration flows…"]);
    const tight = wrapText("aaaa bbbb cccc dddd eeee", 9, 2);
    expect(tight).toEqual(["aaaa bbbb", "cccc…"]);
    for (const line of [...lines, ...tight]) expect(line.length).toBeLessThanOrEqual(18);
  });

  it("cuts words that are longer than a line", () => {
    expect(wrapText("bartholomew.longname@receiver.example", 12, 2)).toEqual(["bartholomew.", "longname@re…"]);
  });
});

function caseSteps(definition: WorkflowDefinition, readyNumber: number): SwimlaneStep[] {
  return statesUntilReady(definition, readyNumber).map((state) => {
    const done = state.status === "DONE";
    const handover = definition.steps[state.number - 1]!.kind === "handover";
    return {
      number: state.number,
      status: state.status,
      completedAt: done ? COMPLETED_AT : null,
      channel: done ? (handover ? "SYSTEM" : "WEB") : null,
      completedBy: done && !handover ? { name: null, email: "alice@tenant.example" } : null,
    };
  });
}

function count(markup: string, pattern: RegExp): number {
  return markup.match(pattern)?.length ?? 0;
}

describe("Swimlane picture", () => {
  const markup = drawSwimlane(
    layoutSwimlane(
      TENANT_CLIENT_NEW_CA_BOTH,
      withCompletion(statesUntilReady(TENANT_CLIENT_NEW_CA_BOTH, 5)).map((state) => ({
        ...state,
        completedBy:
          state.status === "DONE"
            ? TENANT_CLIENT_NEW_CA_BOTH.steps[state.number - 1]!.kind === "handover"
              ? "Renewal Desk"
              : "alice@tenant.example"
            : null,
      })),
    ),
  );

  it("is one accessible image with a title and a summary", () => {
    const svg = markup.match(/^<svg [^>]*>/)![0];
    expect(svg).toContain('role="img"');
    expect(svg).toContain('width="100%"');
    expect(svg).toMatch(/viewBox="0 0 \d+(\.\d+)? \d+(\.\d+)?"/);
    const titleId = svg.match(/aria-labelledby="([^"]+)"/)![1]!;
    const descId = svg.match(/aria-describedby="([^"]+)"/)![1]!;
    expect(markup).toContain(
      `<title id="${titleId}">Swimlane of procedure A: ${TENANT_CLIENT_NEW_CA_BOTH.name}</title>`,
    );
    expect(markup).toContain(
      `<desc id="${descId}">Step 5 of 9 is ready for the tenant administrator; steps 1–4 done.</desc>`,
    );
  });

  it("holds nothing interactive: an image may not contain links or focus stops (the step cards are its detail)", () => {
    expect(count(markup, /<a /g)).toBe(0);
    expect(count(markup, /tabindex=/g)).toBe(0);
    expect(count(markup, /data-step="/g)).toBe(9);
    expect(count(markup, /aria-current="step"/g)).toBe(1);
  });

  it("names the person, or Renewal Desk for hand-overs, with the UTC date", () => {
    expect(markup).toContain(">alice@tenant.example</text>");
    expect(markup).toContain(">Renewal</text>");
    expect(markup).toContain(">3 Mar 2026</text>");
    expect(markup).toContain("by Renewal Desk on 3 Mar 2026, 23:30 UTC");
  });

  it("colours with SVG attributes only, so printing needs no background graphics", () => {
    expect(count(markup, /class="/g)).toBe(0);
    expect(markup).toContain('stroke-dasharray="5 3"');
    expect(markup).not.toContain("url(");
  });

  it("escapes what it writes", () => {
    const layout = layoutSwimlane(TENANT_CLIENT_NEW_CA_BOTH, statesUntilReady(TENANT_CLIENT_NEW_CA_BOTH, 3));
    expect(drawSwimlane({ ...layout, title: 'A <b>"title"</b> & more' })).toContain(
      "A &#60;b&#62;&#34;title&#34;&#60;/b&#62; &#38; more",
    );
  });

  it("is drawn once per state and served from memory after that", () => {
    const steps = caseSteps(TENANT_CLIENT_NEW_CA_DOWNTIME, 4);
    const first = renderToStaticMarkup(createElement(Swimlane, { procedure: "TENANT_CLIENT_NEW_CA_DOWNTIME", steps }));
    expect(renderToStaticMarkup(createElement(Swimlane, { procedure: "TENANT_CLIENT_NEW_CA_DOWNTIME", steps }))).toBe(
      first,
    );
    expect(first).toContain('data-testid="swimlane"');
  });
});

describe("times in the viewer's zone", () => {
  it("writes who-and-when in the zone it is given, with the zone named", () => {
    const states = withCompletion(statesUntilReady(TENANT_CLIENT_NEW_CA_BOTH, 5));
    const texts = (zone?: string) =>
      layoutSwimlane(TENANT_CLIENT_NEW_CA_BOTH, states, zone).boxes.flatMap((box) => box.meta.map((line) => line.text));
    expect(texts()).toContain("3 Mar 2026, 23:30 UTC");
    expect(texts("Europe/Berlin")).toContain("4 Mar 2026, 00:30 CET");
  });
});

describe("layouts of the other procedures", () => {
  it("draws only the lanes a procedure needs, and labels two-part steps as the guide does", () => {
    const layout = layoutSwimlane(SENDER_CLIENT, statesUntilReady(SENDER_CLIENT, 5));
    expect(layout.lanes.map((lane) => lane.role)).toEqual(["TENANT_ADMIN", "INTEGRATION_DEVELOPER", "SENDER_ADMIN"]);
    expect(layout.summary).toBe("Step 4b of 10 is ready for the tenant administrator; steps 1–4a done.");
    const fourB = layout.boxes.find((box) => box.number === 5)!;
    expect(fourB.lines[0]!.text).toContain("4b");
    expect(fourB.description).toMatch(/^Step 4b of 10: Map the new certificate/);
  });

  it("puts the load balancer administrator in a lane of their own", () => {
    const layout = layoutSwimlane(LOAD_BALANCER_SERVER, statesUntilReady(LOAD_BALANCER_SERVER, 1));
    expect(layout.lanes.map((lane) => lane.label)).toEqual([
      "Tenant administrator",
      "Sender administrator",
      "Load balancer administrator",
    ]);
  });
});
