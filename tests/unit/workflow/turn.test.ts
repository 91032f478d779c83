import { describe, expect, it } from "vitest";
import { ROLES, PROCEDURES, type Role, type StepDefinition, type WorkflowDefinition } from "@/lib/workflow";
import {
  caseActions,
  mayAcceptProposal,
  proposingSide,
  refusalFor,
  stepActions,
  tasksOf,
  type CaseState,
  type StepActionKind,
} from "@/lib/workflow/turn";

const NOW = new Date("2026-12-04T10:00:00Z");
const LATER = new Date("2026-12-05T06:00:00Z");

/** A case whose ready step is `ready`: every step before it done, every one after it waiting. */
function stateAt(definition: WorkflowDefinition, ready: StepDefinition, overrides: Partial<CaseState> = {}): CaseState {
  return {
    status: "OPEN",
    steps: definition.steps.map((step) => ({
      number: step.number,
      status: step.number < ready.number ? "DONE" : step.number === ready.number ? "READY" : "BLOCKED",
    })),
    windowStart: ready.waitsFor ? LATER : null,
    gridStepsWithOpenCells: [],
    now: NOW,
    ...overrides,
  };
}

/** What the procedure's data says each role may do on its ready step (the expectation, written independently). */
function expected(step: StepDefinition, role: Role): StepActionKind[] {
  if (step.waitsFor) return role === step.role ? ["start-early"] : [];
  if (step.kind === "handover" && !step.givenByOwner) return [];
  const actors = step.with ? [step.role, step.with] : [step.role];
  if (!actors.includes(role)) return [];
  if (step.input === "downtime-window") return ["propose-window", "accept-window"];
  return [step.input ? "give-input" : "confirm"];
}

describe("who may act, for every step of every procedure and every role", () => {
  for (const definition of Object.values(PROCEDURES)) {
    for (const ready of definition.steps.filter(
      (step) => step.kind !== "handover" || step.givenByOwner || step.waitsFor,
    )) {
      for (const role of ROLES) {
        it(`${definition.id}, step ${ready.number} ready, ${role}`, () => {
          const state = stateAt(definition, ready);
          expect(stepActions(definition, state, ready, [role])).toEqual(expected(ready, role));
          // Nothing else on the case is theirs, but moving an agreed window before it starts.
          for (const other of definition.steps.filter((step) => step.number !== ready.number)) {
            const movable = ready.waitsFor && other.input === "downtime-window" && expected(other, role).length > 0;
            expect(stepActions(definition, state, other, [role])).toEqual(
              movable ? ["propose-window", "accept-window"] : [],
            );
          }
          // The task list and the actions agree: the ready step is a task exactly when there is something to do on it.
          expect(tasksOf(definition, state, [role]).map((task) => task.step.number)).toEqual(
            expected(ready, role).length > 0 ? [ready.number] : [],
          );
        });
      }
    }
  }
});

describe("the joint step", () => {
  const definition = PROCEDURES.TENANT_CLIENT_NEW_CA_DOWNTIME;
  const agree = definition.steps.find((step) => step.input === "downtime-window")!;
  const state = stateAt(definition, agree);

  it("is the turn of both the tenant and the receiver administrator", () => {
    expect(tasksOf(definition, state, ["TENANT_ADMIN"])).toMatchObject([
      {
        step: { number: agree.number },
        role: "TENANT_ADMIN",
        turn: { stage: "turn", actors: ["TENANT_ADMIN", "RECEIVER_ADMIN"] },
      },
    ]);
    expect(tasksOf(definition, state, ["RECEIVER_ADMIN"])).toMatchObject([
      { step: { number: agree.number }, role: "RECEIVER_ADMIN" },
    ]);
    expect(tasksOf(definition, state, ["INTEGRATION_DEVELOPER"])).toEqual([]);
  });

  it("lets each side accept only the other side's proposal", () => {
    expect(proposingSide(definition, ["INTEGRATION_DEVELOPER"])).toBeNull();
    expect(proposingSide(definition, ["RECEIVER_ADMIN"])).toBe("RECEIVER_ADMIN");
    expect(mayAcceptProposal(definition, "TENANT_ADMIN", ["RECEIVER_ADMIN"])).toBe(true);
    expect(mayAcceptProposal(definition, "TENANT_ADMIN", ["TENANT_ADMIN"])).toBe(false);
    expect(mayAcceptProposal(definition, "TENANT_ADMIN", ["TENANT_ADMIN", "RECEIVER_ADMIN"])).toBe(true);
    expect(mayAcceptProposal(definition, "RECEIVER_ADMIN", ["INTEGRATION_DEVELOPER"])).toBe(false);
    expect(mayAcceptProposal(PROCEDURES.TENANT_CLIENT_NEW_CA_BOTH, "TENANT_ADMIN", ["RECEIVER_ADMIN"])).toBe(false);
  });

  it("stays open for moving the window until it starts", () => {
    const scheduled = definition.steps.find((step) => step.waitsFor)!;
    const waiting = stateAt(definition, scheduled);
    expect(stepActions(definition, waiting, agree, ["RECEIVER_ADMIN"])).toEqual(["propose-window", "accept-window"]);
    const started = { ...waiting, now: new Date(LATER.getTime() + 60_000) };
    expect(stepActions(definition, started, agree, ["RECEIVER_ADMIN"])).toEqual([]);
    expect(refusalFor(definition, started, agree, ["RECEIVER_ADMIN"], "propose-window")).toMatchObject({
      code: "CONFLICT",
    });
  });
});

describe("a grid step done before a node was added", () => {
  const definition = PROCEDURES.TENANT_CLIENT_NEW_CA_BOTH;
  const grid = definition.steps.find((step) => step.input === "flow-node-grid")!;
  const after = definition.steps.find((step) => step.number === grid.number + 2)!;
  it("takes the new cells from its owner, and from nobody else", () => {
    const state = stateAt(definition, after, { gridStepsWithOpenCells: [grid.number] });
    expect(stepActions(definition, state, grid, ["INTEGRATION_DEVELOPER"])).toEqual(["give-input"]);
    expect(stepActions(definition, state, grid, ["TENANT_ADMIN"])).toEqual([]);
    expect(stepActions(definition, stateAt(definition, after), grid, ["INTEGRATION_DEVELOPER"])).toEqual([]);
  });
});

describe("refusals say why", () => {
  const definition = PROCEDURES.TENANT_CLIENT_NEW_CA_BOTH;
  const [first, handover, third] = definition.steps;
  const state = stateAt(definition, third!);
  it.each([
    [state, first!, ["TENANT_ADMIN"], "give-input", "CONFLICT"],
    [state, third!, ["TENANT_ADMIN"], "give-input", "NOT_YOUR_ROLE"],
    [state, handover!, ["TENANT_ADMIN"], "confirm", "STEP_IS_HANDOVER"],
    [stateAt(definition, first!), third!, ["RECEIVER_ADMIN"], "give-input", "STEP_NOT_READY"],
    [{ ...state, status: "CANCELLED" as const }, third!, ["RECEIVER_ADMIN"], "give-input", "CASE_CLOSED"],
  ] as const)("%#: %s", (given, step, roles, action, code) => {
    expect(refusalFor(definition, given, step, roles, action)?.code).toBe(code);
  });
  it("allows what it allows", () => {
    expect(refusalFor(definition, state, third!, ["RECEIVER_ADMIN"], "give-input")).toBeNull();
  });
});

describe("case-wide actions", () => {
  const open = { status: "OPEN" as const };
  it.each([
    [open, { roles: [], workspaceRole: "OWNER" }, ["add-nodes-flows", "cancel-case", "resend-mail"]],
    [open, { roles: ["TENANT_ADMIN"], workspaceRole: "MEMBER" }, ["add-nodes-flows", "resend-mail"]],
    [open, { roles: ["INTEGRATION_DEVELOPER"], workspaceRole: "MEMBER" }, ["add-nodes-flows", "resend-mail"]],
    [open, { roles: ["RECEIVER_ADMIN"], workspaceRole: "GUEST" }, ["resend-mail"]],
    [open, { roles: [], workspaceRole: "MEMBER" }, []],
    [{ status: "COMPLETED" as const }, { roles: [], workspaceRole: "OWNER" }, ["resend-mail"]],
  ] as const)("%#", (state, viewer, actions) => {
    expect(caseActions(state, viewer)).toEqual(actions);
  });

  it("adds nodes and flows only where the procedure has a grid of them", () => {
    const owner = { roles: [], workspaceRole: "OWNER" } as const;
    for (const definition of Object.values(PROCEDURES)) {
      const hasGrid = definition.steps.some((step) => step.input === "flow-node-grid");
      expect({ id: definition.id, adds: caseActions(open, owner, definition).includes("add-nodes-flows") }).toEqual({
        id: definition.id,
        adds: hasGrid,
      });
    }
    expect(caseActions(open, owner, PROCEDURES.LOAD_BALANCER_SERVER)).toEqual(["cancel-case", "resend-mail"]);
  });
});
