import { describe, expect, it, vi } from "vitest";

/**
 * One rule of who may act (lib/workflow/turn.ts), seen from every side: for every step of every procedure and every
 * person on the case, what the case page offers, what the inbox lists, who is mailed when the step becomes ready and
 * what the server accepts must be the same set of people. The case is walked through the real services.
 */
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => undefined }),
  headers: async () => new Headers(),
}));
vi.mock("next/navigation", () => ({
  notFound: () => {
    throw Object.assign(new Error("NEXT_NOT_FOUND"), { digest: "NEXT_HTTP_ERROR_FALLBACK;404" });
  },
}));

const { db } = await import("@/lib/db");
const { AppError } = await import("@/lib/errors");
const { makeCase, footprint } = await import("../factories");
const { loadCaseProcedure, loadCaseViewWithProcedure } = await import("@/lib/workflow/queries/case-view");
const { loadInbox } = await import("@/lib/workflow/queries/inbox");
const { givenByPerson, PROCEDURE_IDS, receiverStepDecidesOldRoot, rolesOf, stepLabel, workflowFor } =
  await import("@/lib/workflow");
const { announceCutOver } = await import("@/lib/workflow/store/inputs/cut-over");
const { completeStep } = await import("@/lib/workflow/store/complete-step");
const { submitNewCertificates } = await import("@/lib/workflow/store/inputs/new-certificates");
const { confirmKeystoreAlias } = await import("@/lib/workflow/store/inputs/keystore-alias");
const { confirmGridCells } = await import("@/lib/workflow/store/inputs/flow-grid");
const { tickChecklistItem } = await import("@/lib/workflow/store/inputs/receiver-checklist");
const { recordOldRootDecision } = await import("@/lib/workflow/store/inputs/old-root");
const { acceptWindow, proposeWindows, startStopEarly } = await import("@/lib/workflow/store/inputs/downtime");
const { makeCurrentChain, part, pems } = await import("../../support/certificates");
const { gridCells } = await import("@/lib/workflow/grid");
import type { SignedInUser } from "@/lib/auth/session";
import type { StepDefinition } from "@/lib/workflow";

type Made = Awaited<ReturnType<typeof makeCase>>;
type Person = "owner" | "tenantAdmin" | "receiverAdmin" | "developer" | "senderAdmin" | "loadBalancerAdmin";
/** Everyone who can see the case: the workspace's members, and the partners the procedure names (guests). */
function peopleOf(made: Made): Person[] {
  const needed = rolesOf(workflowFor(made.procedure));
  return [
    "owner",
    "tenantAdmin",
    "developer",
    ...(needed.includes("RECEIVER_ADMIN") ? (["receiverAdmin"] as const) : []),
    ...(needed.includes("SENDER_ADMIN") ? (["senderAdmin"] as const) : []),
    ...(needed.includes("LOAD_BALANCER_ADMIN") ? (["loadBalancerAdmin"] as const) : []),
  ];
}

/** The step's own action, as the given person would take it; resolves when accepted, rejects with the refusal. */
async function act(
  made: Made,
  person: SignedInUser,
  step: StepDefinition,
  chain: Awaited<ReturnType<typeof makeCurrentChain>>,
): Promise<void> {
  const caseId = made.caseId;
  if (step.waitsFor) return startStopEarly(person.id, caseId, true);
  switch (step.input) {
    case "certificates": {
      const outcome = await submitNewCertificates({
        caseId,
        actorId: person.id,
        newLeaf: [part(pems(chain.leaf, chain.intermediate))],
        newRoot: [part(chain.root.pem)],
        earlyErrors: [],
        warningsAcknowledged: true,
      });
      if (outcome.status !== "stored") throw new Error(`upload not stored: ${outcome.status}`);
      return;
    }
    case "downtime-window": {
      const start = new Date(Date.now() + 3 * 86_400_000);
      await proposeWindows(person.id, caseId, [{ start, end: new Date(start.getTime() + 3_600_000) }]);
      return;
    }
    case "keystore-alias":
      await confirmKeystoreAlias(person.id, caseId, step.number, "client_cert");
      return;
    case "flow-node-grid": {
      const found = await db().case.findUniqueOrThrow({
        where: { id: caseId },
        select: { integrationFlows: true, runtimeNodes: true },
      });
      await confirmGridCells(person.id, caseId, step.number, gridCells(found.integrationFlows, found.runtimeNodes));
      return;
    }
    case "receiver-checklist": {
      const items = await db().checklistItem.findMany({
        where: { caseId, doneAt: null },
        orderBy: { position: "asc" },
      });
      for (const item of items) await tickChecklistItem(person.id, caseId, item.id, item.thirdParty);
      if (receiverStepDecidesOldRoot(workflowFor(made.procedure))) {
        await recordOldRootDecision(person.id, caseId, step.number, {
          oldRoot: "kept",
          reason: "still used elsewhere",
        });
      }
      return;
    }
    case "cut-over":
      await announceCutOver(person.id, caseId, step.number, new Date(Date.now() + 2 * 86_400_000));
      return;
    case "old-root-removal":
      await recordOldRootDecision(person.id, caseId, step.number, {
        oldRoot: "removed",
        reason: "not used elsewhere",
        oldClientCertificateRemoved: true,
      });
      return;
    default:
      await completeStep({ caseId, stepNumber: step.number, actorId: person.id, channel: "WEB" });
  }
}

/** The people the case page offers any action on this step to. */
async function offeredTo(made: Made, step: StepDefinition): Promise<Person[]> {
  const offered: Person[] = [];
  for (const person of peopleOf(made)) {
    const view = await loadCaseViewWithProcedure(made[person].id, made.caseId);
    const procedure = await loadCaseProcedure(view);
    if ((procedure.allowed.steps.get(step.number) ?? []).length > 0) offered.push(person);
  }
  return offered;
}

async function listedFor(made: Made, step: StepDefinition): Promise<Person[]> {
  const listed: Person[] = [];
  for (const person of peopleOf(made)) {
    const inbox = await loadInbox(made[person].id);
    if (inbox.tasks.some((task) => task.caseId === made.caseId && task.stepNumber === step.number)) listed.push(person);
  }
  return listed;
}

async function mailedFor(made: Made, step: StepDefinition): Promise<Person[]> {
  const mails = await db().outgoingMail.findMany({
    where: {
      caseId: made.caseId,
      OR: [
        { subject: { contains: `step ${stepLabel(step)} is yours` } },
        { subject: { contains: `step ${stepLabel(step)} happens automatically` } },
      ],
    },
    select: { toAddress: true },
  });
  const addresses = new Set(mails.map((mail) => mail.toAddress));
  return peopleOf(made).filter((person) => addresses.has(made[person].email));
}

/** Everyone not allowed is refused (and nothing changes); returns who was refused. */
async function refusedFor(
  made: Made,
  step: StepDefinition,
  allowed: Person[],
  chain: Awaited<ReturnType<typeof makeCurrentChain>>,
): Promise<Person[]> {
  const refused: Person[] = [];
  for (const person of peopleOf(made).filter((candidate) => !allowed.includes(candidate))) {
    const before = await footprint(made.caseId);
    try {
      await act(made, made[person], step, chain);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      expect(error.code).toBe("NOT_YOUR_ROLE");
      expect(await footprint(made.caseId)).toEqual(before);
      refused.push(person);
    }
  }
  return refused;
}

for (const procedure of PROCEDURE_IDS) {
  describe(`procedure ${procedure}`, () => {
    it("offers, lists, mails and accepts every step for the same people", async () => {
      const made = await makeCase({ procedure });
      const definition = workflowFor(procedure);
      const chain = await makeCurrentChain(`Who ${made.tag}`, definition.certificate.purpose);
      const seen: string[] = [];
      for (;;) {
        const ready = await db().step.findFirst({
          where: { caseId: made.caseId, status: "READY" },
          select: { number: true },
        });
        if (!ready) break;
        const step = definition.steps.find((candidate) => candidate.number === ready.number)!;
        const offered = await offeredTo(made, step);
        expect({ step: step.number, listed: await listedFor(made, step) }).toEqual({
          step: step.number,
          listed: offered,
        });
        expect({ step: step.number, mailed: await mailedFor(made, step) }).toEqual({
          step: step.number,
          mailed: offered,
        });
        expect(offered.length).toBeGreaterThan(0);
        const refused = await refusedFor(made, step, offered, chain);
        expect({ step: step.number, refused }).toEqual({
          step: step.number,
          refused: peopleOf(made).filter((person) => !offered.includes(person)),
        });
        seen.push(`${step.number}:${offered.join("+")}`);

        // Everyone offered is accepted: the joint step by both sides (one proposes, the other accepts).
        if (step.input === "downtime-window") {
          const [first, second] = offered;
          await act(made, made[second!], step, chain);
          const proposal = await db().downtimeProposal.findFirstOrThrow({
            where: { caseId: made.caseId, status: "OPEN" },
          });
          await acceptWindow(made[first!].id, made.caseId, proposal.id);
        } else {
          await act(made, made[offered[0]!], step, chain);
        }
      }
      // Every action step and every scheduled hand-over was someone's, and the case is done.
      expect(seen.map((entry) => Number(entry.split(":")[0]))).toEqual(
        definition.steps.filter((step) => givenByPerson(step) || step.waitsFor).map((step) => step.number),
      );
      expect((await db().case.findUniqueOrThrow({ where: { id: made.caseId } })).status).toBe("COMPLETED");
      if (definition.variant === "B") expect(seen).toContain("2:tenantAdmin+receiverAdmin");
    });
  });
}
