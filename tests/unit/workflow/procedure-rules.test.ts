import { describe, expect, it } from "vitest";
import {
  gridCells,
  gridComplete,
  missingCells,
  oldCertificateMayBeUsedUntil,
  restartsBlockingCleanUp,
} from "@/lib/workflow/grid";
import { checkKeystoreAlias } from "@/lib/workflow/alias";
import { overlapping, windowProblem } from "@/lib/workflow/downtime";
import { receiverChecklist } from "@/lib/workflow/checklists";
import { cutOverProblem, stepsAtRisk } from "@/lib/workflow/cut-over";
import {
  TENANT_CLIENT_NEW_CA_BOTH,
  TENANT_CLIENT_NEW_CA_DOWNTIME,
  TENANT_CLIENT_SAME_CA_BOTH,
  TENANT_CLIENT_SAME_CA_DOWNTIME,
  LOAD_BALANCER_SERVER,
} from "@/lib/workflow";

const NOW = new Date("2026-12-01T10:00:00Z");
const at = (iso: string) => new Date(iso);

describe("the flows × nodes grid", () => {
  const flows = ["Orders", "Invoices"];
  const nodes = ["node-1", "node-2"];

  it("has one cell per flow and node", () => {
    expect(gridCells(flows, nodes)).toEqual([
      { flow: "Orders", node: "node-1" },
      { flow: "Orders", node: "node-2" },
      { flow: "Invoices", node: "node-1" },
      { flow: "Invoices", node: "node-2" },
    ]);
  });

  it("is complete only when every cell is confirmed", () => {
    const three = gridCells(flows, nodes).slice(0, 3);
    expect(gridComplete(flows, nodes, three)).toBe(false);
    expect(missingCells(flows, nodes, three)).toEqual([{ flow: "Invoices", node: "node-2" }]);
    expect(gridComplete(flows, nodes, gridCells(flows, nodes))).toBe(true);
  });

  it("grows when a node is added during the case", () => {
    const confirmed = gridCells(flows, nodes);
    expect(missingCells(flows, [...nodes, "node-3"], confirmed)).toEqual([
      { flow: "Orders", node: "node-3" },
      { flow: "Invoices", node: "node-3" },
    ]);
  });

  it("blocks variant A's clean-up only on restart cells (step 7) still open, and never variant B's or other procedures'", () => {
    const stopped = gridCells(flows, nodes).map((cell) => ({ ...cell, stepNumber: 3 }));
    const restarted = gridCells(flows, nodes)
      .slice(1)
      .map((cell) => ({ ...cell, stepNumber: 7 }));
    expect(restartsBlockingCleanUp("TENANT_CLIENT_NEW_CA_BOTH", flows, nodes, [...stopped, ...restarted])).toEqual([
      { flow: "Orders", node: "node-1" },
    ]);
    expect(
      restartsBlockingCleanUp("TENANT_CLIENT_NEW_CA_BOTH", flows, nodes, [
        ...restarted,
        { flow: "Orders", node: "node-1", stepNumber: 7 },
      ]),
    ).toEqual([]);
    expect(restartsBlockingCleanUp("TENANT_CLIENT_NEW_CA_DOWNTIME", flows, nodes, [])).toEqual([]);
    // The receiver-server procedure restarts too, but its clean-up is a plain confirmation after the swap.
    expect(restartsBlockingCleanUp("RECEIVER_SERVER", flows, nodes, [])).toEqual([]);
  });

  it("says until when unrestarted nodes may present the old certificate (24 h cache)", () => {
    expect(oldCertificateMayBeUsedUntil(at("2026-12-01T10:00:00Z")).toISOString()).toBe("2026-12-02T10:00:00.000Z");
  });
});

describe("the keystore alias", () => {
  it("accepts the case's alias, ignoring case and surrounding spaces", () => {
    expect(checkKeystoreAlias("s4_orders_client", " S4_Orders_Client ")).toEqual({ ok: true });
  });

  it("refuses another alias and explains why", () => {
    const result = checkKeystoreAlias("s4_orders_client", "s4_orders_client_2027");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('existing alias "s4_orders_client", not "s4_orders_client_2027"');
    expect(checkKeystoreAlias("a", "  ").ok).toBe(false);
  });
});

describe("downtime windows", () => {
  it("accepts a future window of sensible length", () => {
    expect(windowProblem({ start: at("2026-12-05T06:00:00Z"), end: at("2026-12-05T07:00:00Z") }, NOW)).toBeNull();
  });

  it.each([
    ["2026-12-01T09:00:00Z", "2026-12-01T11:00:00Z", "The window must start in the future."],
    ["2026-12-05T07:00:00Z", "2026-12-05T06:00:00Z", "The window must end after it starts."],
    ["2026-12-05T06:00:00Z", "2026-12-05T06:02:00Z", "A window must last at least 5 minutes."],
    ["2026-12-05T06:00:00Z", "2026-12-08T07:00:00Z", "A window can last at most 72 hours."],
    ["2028-01-01T06:00:00Z", "2028-01-01T07:00:00Z", "A window can start at most a year ahead."],
  ])("refuses %s – %s", (start, end, problem) => {
    expect(windowProblem({ start: at(start), end: at(end) }, NOW)).toBe(problem);
  });

  it("refuses a window without times", () => {
    expect(windowProblem({ start: new Date(Number.NaN), end: at("2026-12-05T07:00:00Z") }, NOW)).toBe(
      "Enter a start and an end.",
    );
  });

  it("spots overlapping proposals", () => {
    const a = { start: at("2026-12-05T06:00:00Z"), end: at("2026-12-05T08:00:00Z") };
    const b = { start: at("2026-12-05T07:00:00Z"), end: at("2026-12-05T09:00:00Z") };
    const c = { start: at("2026-12-06T06:00:00Z"), end: at("2026-12-06T07:00:00Z") };
    expect(overlapping([a, b])).toBe(true);
    expect(overlapping([c, a])).toBe(false);
  });
});

describe("receiver checklists", () => {
  it("follows the SAP Web Dispatcher example, with the farm change done by a third party", () => {
    const items = receiverChecklist("SAP_WEB_DISPATCHER_ABAP", TENANT_CLIENT_NEW_CA_BOTH);
    expect(items).toHaveLength(5);
    expect(items.find((item) => item.thirdParty)).toMatchObject({
      label: "Add the new CA to the Web Dispatcher farm",
      thirdParty: "SAP IT",
    });
  });

  it("accepts next to the old certificate in A and in its place in B", () => {
    expect(receiverChecklist("GENERIC_HTTPS", TENANT_CLIENT_NEW_CA_BOTH)[1]!.label).toContain("next to the old one");
    expect(receiverChecklist("GENERIC_HTTPS", TENANT_CLIENT_NEW_CA_DOWNTIME)[1]!.label).toContain(
      "in place of the old one",
    );
  });

  it("leaves out every task about a new root when the CA stays the same", () => {
    const generic = receiverChecklist("GENERIC_HTTPS", TENANT_CLIENT_SAME_CA_BOTH).map((item) => item.label);
    const dispatcher = receiverChecklist("SAP_WEB_DISPATCHER_ABAP", TENANT_CLIENT_SAME_CA_DOWNTIME);
    expect(generic).toEqual([
      "Accept the new client certificate next to the old one",
      "Reload or restart the server so that the change takes effect",
    ]);
    expect(dispatcher.map((item) => item.label).join(" ")).not.toMatch(/CA/);
    expect(dispatcher.some((item) => item.thirdParty)).toBe(false);
  });

  it("starts empty for a custom list", () => {
    expect(receiverChecklist("CUSTOM", TENANT_CLIENT_NEW_CA_DOWNTIME)).toEqual([]);
  });
});

describe("the load balancer's cut-over", () => {
  const cutOver = at("2026-12-10T06:00:00Z");
  const states = (fourDone: boolean) =>
    LOAD_BALANCER_SERVER.steps.map((step) => ({
      number: step.number,
      status: step.number < 4 || (step.number === 4 && fourDone) ? ("DONE" as const) : ("BLOCKED" as const),
    }));

  it("accepts a time at least an hour and at most a year ahead", () => {
    const now = at("2026-12-04T10:00:00Z");
    expect(cutOverProblem(at("2026-12-04T10:30:00Z"), now)).toContain("at least an hour");
    expect(cutOverProblem(at("2026-12-04T11:00:00Z"), now)).toBeNull();
    expect(cutOverProblem(at("2028-01-01T00:00:00Z"), now)).toContain("at most a year");
  });

  it("puts the sender's trust step at risk from a day before, and only while it is open", () => {
    expect(stepsAtRisk(LOAD_BALANCER_SERVER, states(false), cutOver, at("2026-12-09T05:59:00Z"))).toEqual([]);
    expect(
      stepsAtRisk(LOAD_BALANCER_SERVER, states(false), cutOver, at("2026-12-09T06:00:00Z")).map((step) => step.number),
    ).toEqual([4]);
    expect(stepsAtRisk(LOAD_BALANCER_SERVER, states(true), cutOver, at("2026-12-09T07:00:00Z"))).toEqual([]);
    expect(stepsAtRisk(LOAD_BALANCER_SERVER, states(false), null, at("2026-12-09T07:00:00Z"))).toEqual([]);
  });
});
