import { describe, expect, it } from "vitest";
import { VARIANT_A, VARIANT_B, type WorkflowDefinition } from "@/lib/workflow";

/** The sequences exactly as the product brief lists them: number, owner role, kind, and receiver of hand-overs. */
const EXPECTED_A = [
  [1, "TENANT_ADMIN", "action"],
  [2, "TENANT_ADMIN", "handover", "RECEIVER_ADMIN"],
  [3, "RECEIVER_ADMIN", "action"],
  [4, "RECEIVER_ADMIN", "handover", "TENANT_ADMIN"],
  [5, "TENANT_ADMIN", "action"],
  [6, "TENANT_ADMIN", "handover", "INTEGRATION_DEVELOPER"],
  [7, "INTEGRATION_DEVELOPER", "action"],
  [8, "TENANT_ADMIN", "handover", "RECEIVER_ADMIN"],
  [9, "RECEIVER_ADMIN", "action"],
];

const EXPECTED_B = [
  [1, "TENANT_ADMIN", "action"],
  [2, "TENANT_ADMIN", "action"],
  [3, "TENANT_ADMIN", "handover", "INTEGRATION_DEVELOPER"],
  [4, "INTEGRATION_DEVELOPER", "action"],
  [5, "INTEGRATION_DEVELOPER", "handover", "TENANT_ADMIN"],
  [6, "TENANT_ADMIN", "action"],
  [7, "TENANT_ADMIN", "handover", "RECEIVER_ADMIN"],
  [8, "RECEIVER_ADMIN", "action"],
  [9, "RECEIVER_ADMIN", "handover", "TENANT_ADMIN"],
  [10, "TENANT_ADMIN", "handover", "INTEGRATION_DEVELOPER"],
  [11, "INTEGRATION_DEVELOPER", "action"],
];

function shape(definition: WorkflowDefinition) {
  return definition.steps.map((step) =>
    step.kind === "handover" ? [step.number, step.role, step.kind, step.to] : [step.number, step.role, step.kind],
  );
}

describe("workflow definitions", () => {
  it("variant A has the nine steps of the brief in order", () => {
    expect(VARIANT_A.steps).toHaveLength(9);
    expect(shape(VARIANT_A)).toEqual(EXPECTED_A);
  });

  it("variant B has the eleven steps of the brief in order", () => {
    expect(VARIANT_B.steps).toHaveLength(11);
    expect(shape(VARIANT_B)).toEqual(EXPECTED_B);
  });

  it("the downtime agreement in B involves the receiver administrator, and the stop hand-over waits for the window", () => {
    expect(VARIANT_B.steps[1]).toMatchObject({ key: "agree-downtime", with: "RECEIVER_ADMIN", input: "downtime-window" });
    expect(VARIANT_B.steps[2]).toMatchObject({ key: "handover-stop", waitsFor: "window-start" });
  });

  it("gives every step that needs information its form", () => {
    const inputs = (definition: typeof VARIANT_A) => definition.steps.filter((step) => step.input).map((step) => [step.number, step.input]);
    expect(inputs(VARIANT_A)).toEqual([[1, "certificates"], [3, "receiver-checklist"], [5, "keystore-alias"], [7, "flow-node-grid"], [9, "old-root-removal"]]);
    expect(inputs(VARIANT_B)).toEqual([
      [1, "certificates"], [2, "downtime-window"], [4, "flow-node-grid"], [6, "keystore-alias"], [8, "receiver-checklist"], [11, "flow-node-grid"],
    ]);
  });

  it.each([VARIANT_A, VARIANT_B])("variant $variant has unique keys, a title and help for every step", (definition) => {
    const keys = definition.steps.map((step) => step.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const step of definition.steps) {
      expect(step.title.length).toBeGreaterThan(10);
      expect(step.help.length).toBeGreaterThan(10);
      expect(step.kind === "handover").toBe(step.to !== undefined);
    }
  });

  it.each([VARIANT_A, VARIANT_B])("variant $variant starts and ends with an action", (definition) => {
    expect(definition.steps[0]!.kind).toBe("action");
    expect(definition.steps.at(-1)!.kind).toBe("action");
  });
});
