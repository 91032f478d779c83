import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  PROCEDURES,
  ROLE_SHORT,
  rolesOf,
  stepLabel,
  TENANT_CLIENT_NEW_CA_BOTH,
  TENANT_CLIENT_NEW_CA_DOWNTIME,
  type ProcedureId,
  type StepDefinition,
  type WorkflowDefinition,
} from "@/lib/workflow";

/**
 * Every procedure's steps as the vendor's guide lists them: the step's number there, who acts (X→Y for a hand-over,
 * X + Y for a joint step) and the kind. Transcribed from ../shared/seed/related-procedures.md (the siblings) and the
 * product brief (the change of CA); the test below also reads the summary itself when it is there.
 */
const TABLES: Record<ProcedureId, readonly (readonly [string, string, "Action" | "Hand-over" | "Joint"])[]> = {
  TENANT_CLIENT_NEW_CA_BOTH: [
    ["1", "TA", "Action"],
    ["2", "TA→RA", "Hand-over"],
    ["3", "RA", "Action"],
    ["4", "RA→TA", "Hand-over"],
    ["5", "TA", "Action"],
    ["6", "TA→ID", "Hand-over"],
    ["7", "ID", "Action"],
    ["8", "TA→RA", "Hand-over"],
    ["9", "RA", "Action"],
  ],
  TENANT_CLIENT_NEW_CA_DOWNTIME: [
    ["1", "TA", "Action"],
    ["2", "TA + RA", "Joint"],
    ["3", "TA→ID", "Hand-over"],
    ["4", "ID", "Action"],
    ["5", "ID→TA", "Hand-over"],
    ["6", "TA", "Action"],
    ["7", "TA→RA", "Hand-over"],
    ["8", "RA", "Action"],
    ["9", "RA→TA", "Hand-over"],
    ["10", "TA→ID", "Hand-over"],
    ["11", "ID", "Action"],
  ],
  // Section 1 of the summary: the same steps; only what travels with them differs.
  TENANT_CLIENT_SAME_CA_BOTH: [],
  TENANT_CLIENT_SAME_CA_DOWNTIME: [],
  RECEIVER_SERVER: [
    ["1", "RA", "Action"],
    ["2", "RA→TA", "Hand-over"],
    ["3", "TA", "Action"],
    ["4", "TA", "Action"],
    ["5", "TA→RA", "Hand-over"],
    ["6", "RA", "Action"],
    ["7", "RA→TA", "Hand-over"],
    ["8", "TA", "Action"],
  ],
  LOAD_BALANCER_SERVER: [
    ["1", "LBA", "Action"],
    ["2", "LBA→TA", "Hand-over"],
    ["3", "TA→SA", "Hand-over"],
    ["4", "SA", "Action"],
    ["5", "LBA", "Action"],
    ["6", "SA", "Action"],
  ],
  SENDER_CLIENT: [
    ["1", "SA", "Action"],
    ["2", "SA→TA", "Hand-over"],
    ["3", "TA→ID", "Hand-over"],
    ["4a", "ID", "Action"],
    ["4b", "TA", "Action"],
    ["5", "ID→TA", "Hand-over"],
    ["6", "TA→SA", "Hand-over"],
    ["7", "SA", "Action"],
    ["8", "SA→TA", "Hand-over"],
    ["9a", "TA→ID", "Hand-over"],
    ["9b", "TA", "Action"],
    ["10", "ID", "Action"],
  ],
};
TABLES.TENANT_CLIENT_SAME_CA_BOTH = TABLES.TENANT_CLIENT_NEW_CA_BOTH;
TABLES.TENANT_CLIENT_SAME_CA_DOWNTIME = TABLES.TENANT_CLIENT_NEW_CA_DOWNTIME;

/** A definition's steps in the guide's terms. */
function asTable(definition: WorkflowDefinition) {
  return definition.steps.map((step) => [stepLabel(step), who(step), KIND[step.kind]] as const);
}

const KIND = { action: "Action", handover: "Hand-over", joint: "Joint" } as const;

function who(step: StepDefinition): string {
  if (step.kind === "handover") return `${ROLE_SHORT[step.role]}→${ROLE_SHORT[step.to!]}`;
  if (step.kind === "joint") return `${ROLE_SHORT[step.role]} + ${ROLE_SHORT[step.with!]}`;
  return ROLE_SHORT[step.role];
}

const ALL = Object.values(PROCEDURES);

describe.each(ALL)("procedure $id", (definition) => {
  it("has the guide's steps, roles and kinds, in order", () => {
    expect(asTable(definition)).toEqual(TABLES[definition.id]);
  });

  it("numbers its steps 1…n in order, with unique keys", () => {
    expect(definition.steps.map((step) => step.number)).toEqual(definition.steps.map((_, index) => index + 1));
    expect(new Set(definition.steps.map((step) => step.key)).size).toBe(definition.steps.length);
    expect(new Set(definition.steps.map(stepLabel)).size).toBe(definition.steps.length);
  });

  it("leads every hand-over to a later step of the role it hands over to", () => {
    for (const step of definition.steps.filter((candidate) => candidate.kind === "handover")) {
      // Usually the very next one; a two-part step of the guide (9a/9b) may put the other part in between.
      const later = definition.steps.slice(step.number);
      expect(step.to).not.toBe(step.role);
      expect(later.some((candidate) => candidate.role === step.to || candidate.with === step.to)).toBe(true);
    }
  });

  it("has forms, partners, links and waits only where they can apply", () => {
    for (const step of definition.steps) {
      const shape = { step: step.number, to: step.to, with: step.with, waitsFor: step.waitsFor };
      if (step.kind === "handover") {
        expect(step.to).toBeDefined();
        expect(step.with).toBeUndefined();
        // Only a hand-over its owner gives can take information; one the app performs carries none.
        if (!step.givenByOwner) expect({ step: step.number, input: step.input }).toEqual({ step: step.number });
      } else {
        expect(shape).toEqual({ step: step.number, ...(step.kind === "joint" ? { with: step.with } : {}) });
        if (step.kind === "joint") expect(step.with).not.toBe(step.role);
        if (step.confirmByLink) expect(step.input).toBeDefined();
        expect(step.delivers).toBeUndefined();
      }
    }
  });

  it("starts with the certificate upload of its owner and ends with an action", () => {
    expect(definition.steps[0]).toMatchObject({ kind: "action", input: "certificates" });
    expect(definition.steps.at(-1)!.kind).toBe("action");
  });

  it("hands its new certificate or root on to the other side", () => {
    const delivering = definition.steps.filter((step) => step.delivers);
    expect(delivering.length).toBeGreaterThan(0);
    for (const step of delivering) expect(step.kind).toBe("handover");
  });

  it("asks only for what its steps use", () => {
    const inputs = new Set(definition.steps.map((step) => step.input));
    expect(definition.usesKeystoreAlias).toBe(inputs.has("keystore-alias"));
    if (inputs.has("flow-node-grid")) expect(definition.usesFlows).toBe(true);
  });
});

describe("the family of procedures", () => {
  it("needs the roles each one names, and nobody else", () => {
    expect(
      Object.fromEntries(ALL.map((definition) => [definition.id, rolesOf(definition).map((r) => ROLE_SHORT[r])])),
    ).toEqual({
      TENANT_CLIENT_NEW_CA_BOTH: ["TA", "RA", "ID"],
      TENANT_CLIENT_NEW_CA_DOWNTIME: ["TA", "RA", "ID"],
      TENANT_CLIENT_SAME_CA_BOTH: ["TA", "RA", "ID"],
      TENANT_CLIENT_SAME_CA_DOWNTIME: ["TA", "RA", "ID"],
      RECEIVER_SERVER: ["RA", "TA"],
      LOAD_BALANCER_SERVER: ["LBA", "TA", "SA"],
      SENDER_CLIENT: ["SA", "TA", "ID"],
    });
  });

  it("expects the certificate each renewal produces", () => {
    expect(Object.fromEntries(ALL.map((definition) => [definition.id, definition.certificate]))).toEqual({
      TENANT_CLIENT_NEW_CA_BOTH: { purpose: "client", ca: "different" },
      TENANT_CLIENT_NEW_CA_DOWNTIME: { purpose: "client", ca: "different" },
      TENANT_CLIENT_SAME_CA_BOTH: { purpose: "client", ca: "same" },
      TENANT_CLIENT_SAME_CA_DOWNTIME: { purpose: "client", ca: "same" },
      RECEIVER_SERVER: { purpose: "server", ca: "different" },
      LOAD_BALANCER_SERVER: { purpose: "server", ca: "different" },
      SENDER_CLIENT: { purpose: "client", ca: "any" },
    });
  });

  it("passes a root on only where the CA may change", () => {
    for (const definition of ALL) {
      const carriesRoot = definition.steps.some(
        (step) => step.delivers === "root" || step.delivers === "certificate-and-root",
      );
      expect({ id: definition.id, carriesRoot }).toEqual({
        id: definition.id,
        carriesRoot: definition.certificate.ca !== "same",
      });
    }
  });

  it("waits for the agreed window only in the downtime variants, before the flows stop", () => {
    for (const definition of ALL) {
      const waiting = definition.steps.filter((step) => step.waitsFor);
      if (definition.variant !== "B") {
        expect(waiting).toEqual([]);
        continue;
      }
      expect(waiting.map((step) => [step.number, step.waitsFor])).toEqual([[3, "window-start"]]);
      expect(definition.steps[waiting[0]!.number - 2]!.input).toBe("downtime-window");
    }
    expect(TENANT_CLIENT_NEW_CA_BOTH.steps.some((step) => step.input === "downtime-window")).toBe(false);
    expect(TENANT_CLIENT_NEW_CA_DOWNTIME.steps[1]!.kind).toBe("joint");
  });
});

/**
 * The summary's own tables, read where the workspace keeps it: the transcription above must match them row for row
 * (number, role, kind). Outside this workspace the file is absent and the transcription stands alone.
 */
const SUMMARY = path.resolve(__dirname, "../../../../shared/seed/related-procedures.md");

function summaryTables(text: string): Map<string, string[][]> {
  const tables = new Map<string, string[][]>();
  let section = "";
  let variant = "";
  let rows: string[][] | null = null;
  for (const line of text.split("\n")) {
    const heading = /^## (\d)\./.exec(line);
    if (heading) [section, variant] = [heading[1]!, ""];
    const sub = /^### Variant ([AB])/.exec(line);
    if (sub) variant = sub[1]!;
    if (line.startsWith("| # | Role | Kind")) {
      rows = [];
      tables.set(`${section}${variant}`, rows);
      continue;
    }
    if (rows && line.startsWith("|")) {
      const cells = line
        .split("|")
        .slice(1, -1)
        .map((cell) => cell.trim());
      if (!/^-+$/.test(cells[0]!)) rows.push(cells.slice(0, 3));
    } else rows = null;
  }
  return tables;
}

describe.runIf(existsSync(SUMMARY))("the summary of the sibling procedures", () => {
  // Read in the test, not while collecting: a skipped block's body still runs when tests are collected.
  const tables = () => summaryTables(readFileSync(SUMMARY, "utf8"));
  it.each([
    ["1A", "TENANT_CLIENT_SAME_CA_BOTH"],
    ["1B", "TENANT_CLIENT_SAME_CA_DOWNTIME"],
    ["2", "RECEIVER_SERVER"],
    ["3", "LOAD_BALANCER_SERVER"],
    ["4", "SENDER_CLIENT"],
  ] as const)("table %s is procedure %s", (table, procedure) => {
    expect(tables().get(table)).toEqual(TABLES[procedure].map((row) => [...row]));
  });
});
