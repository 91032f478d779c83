import { describe, expect, it } from "vitest";
import { TENANT_CLIENT_NEW_CA_BOTH, TENANT_CLIENT_NEW_CA_DOWNTIME, type WorkflowDefinition } from "@/lib/workflow";

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
    expect(TENANT_CLIENT_NEW_CA_BOTH.steps).toHaveLength(9);
    expect(shape(TENANT_CLIENT_NEW_CA_BOTH)).toEqual(EXPECTED_A);
  });

  it("variant B has the eleven steps of the brief in order", () => {
    expect(TENANT_CLIENT_NEW_CA_DOWNTIME.steps).toHaveLength(11);
    expect(shape(TENANT_CLIENT_NEW_CA_DOWNTIME)).toEqual(EXPECTED_B);
  });

  it.each([TENANT_CLIENT_NEW_CA_BOTH, TENANT_CLIENT_NEW_CA_DOWNTIME])("variant $variant: numbered 1…n in order, with unique keys", (definition) => {
    expect(definition.steps.map((step) => step.number)).toEqual(definition.steps.map((_, index) => index + 1));
    expect(new Set(definition.steps.map((step) => step.key)).size).toBe(definition.steps.length);
  });

  it.each([TENANT_CLIENT_NEW_CA_BOTH, TENANT_CLIENT_NEW_CA_DOWNTIME])(
    "variant $variant: every hand-over leads to a step of the role it hands over to",
    (definition) => {
      for (const step of definition.steps.filter((candidate) => candidate.kind === "handover")) {
        // The next action after a hand-over (past further hand-overs) belongs to the receiving role, or the chain ends.
        const rest = definition.steps.slice(step.number);
        const nextAction = rest.find((candidate) => candidate.kind === "action");
        const nextHandover = rest[0]?.kind === "handover" ? rest[0] : undefined;
        expect(step.to).not.toBe(step.role);
        expect([nextAction?.role, nextHandover?.role]).toContain(step.to);
      }
    },
  );

  it.each([TENANT_CLIENT_NEW_CA_BOTH, TENANT_CLIENT_NEW_CA_DOWNTIME])(
    "variant $variant: forms, partners, links and waits only where they can apply",
    (definition) => {
      for (const step of definition.steps) {
        if (step.kind === "handover") {
          expect({ step: step.number, input: step.input, with: step.with, confirmByLink: step.confirmByLink }).toEqual({
            step: step.number,
            input: undefined,
            with: undefined,
            confirmByLink: undefined,
          });
        } else {
          expect({ step: step.number, to: step.to, waitsFor: step.waitsFor }).toEqual({
            step: step.number,
            to: undefined,
            waitsFor: undefined,
          });
          if (step.with) expect(step.with).not.toBe(step.role);
          if (step.confirmByLink) expect(step.input).toBeDefined();
        }
      }
    },
  );

  it.each([TENANT_CLIENT_NEW_CA_BOTH, TENANT_CLIENT_NEW_CA_DOWNTIME])(
    "variant $variant: starts with the certificate upload and ends with an action",
    (definition) => {
      expect(definition.steps[0]).toMatchObject({ kind: "action", input: "certificates" });
      expect(definition.steps.at(-1)!.kind).toBe("action");
    },
  );

  it("variant B waits for the agreed window before asking for the flows to stop, and only there", () => {
    const waiting = TENANT_CLIENT_NEW_CA_DOWNTIME.steps.filter((step) => step.waitsFor);
    expect(waiting.map((step) => [step.number, step.waitsFor])).toEqual([[3, "window-start"]]);
    expect(TENANT_CLIENT_NEW_CA_DOWNTIME.steps[waiting[0]!.number - 2]!.input).toBe("downtime-window");
    expect(TENANT_CLIENT_NEW_CA_BOTH.steps.some((step) => step.waitsFor || step.input === "downtime-window")).toBe(false);
  });
});
