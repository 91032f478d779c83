import type { RenewalPolicy } from "@/lib/certificates/policy";
import type { Role } from "./roles";

/** The procedures a case can run. Values match the database enum Procedure. */
export const PROCEDURE_IDS = [
  "TENANT_CLIENT_NEW_CA_BOTH",
  "TENANT_CLIENT_NEW_CA_DOWNTIME",
  "TENANT_CLIENT_SAME_CA_BOTH",
  "TENANT_CLIENT_SAME_CA_DOWNTIME",
  "RECEIVER_SERVER",
  "LOAD_BALANCER_SERVER",
  "SENDER_CLIENT",
] as const;
export type ProcedureId = (typeof PROCEDURE_IDS)[number];

/**
 * "action": one role does something outside the app and confirms it.
 * "joint": two roles act together; either may complete it (the downtime agreement).
 * "handover": one role gives another material or a go-ahead. The app performs it the moment the step before it is
 * done, unless `givenByOwner` says its owner gives it (a precondition only they can judge, or facts only they know).
 */
export type StepKind = "action" | "joint" | "handover";

export interface StepDefinition {
  /** The step's position in its procedure, 1-based; every case stores its steps under these numbers. */
  readonly number: number;
  /** How the vendor's guide numbers the step when that differs from its position ("4a"). */
  readonly label?: string;
  readonly key: string;
  /** Who owns the step: for a hand-over, the role that hands over. */
  readonly role: Role;
  readonly kind: StepKind;
  /** For hand-overs: who receives it. */
  readonly to?: Role;
  /** For joint steps: the second role. */
  readonly with?: Role;
  readonly title: string;
  readonly help: string;
  /**
   * The information the step is completed with (an upload, a form). Such steps are completed on the case page;
   * their e-mail links there instead of carrying a one-click confirmation link.
   */
  readonly input?: StepInput;
  /**
   * The step's information can also be given in one click from the e-mail: the receiver tasks of A3 are then
   * recorded as done by the receiver administrator (or by the third party each task names).
   */
  readonly confirmByLink?: boolean;
  /** A hand-over that the system performs at a moment rather than right after the step before it. */
  readonly waitsFor?: "window-start";
  /** A hand-over given by its owner rather than performed by the app at once. */
  readonly givenByOwner?: boolean;
  /** What a hand-over passes on: attached to the mail of the step that follows it. */
  readonly delivers?: "certificate-and-root" | "certificate" | "root";
  /** The step must be done before the announced cut-over; a day before, the app warns if it is still open. */
  readonly dueBy?: "cut-over";
}

export type StepInput =
  | "certificates"
  | "downtime-window"
  | "receiver-checklist"
  | "keystore-alias"
  | "flow-node-grid"
  | "old-root-removal"
  | "cut-over";

/** Which group of procedures a definition belongs to (the variants of one renewal share it). */
export type ProcedureFamily =
  "tenant-client-new-ca" | "tenant-client-same-ca" | "receiver-server" | "load-balancer-server" | "sender-client";

export interface WorkflowDefinition {
  readonly id: ProcedureId;
  readonly family: ProcedureFamily;
  /** The family's name: what is being renewed. */
  readonly familyName: string;
  /** "A" or "B" where a family has two variants, else null. */
  readonly variant: "A" | "B" | null;
  /** The variant's name, or the family's when it has one variant. */
  readonly name: string;
  readonly summary: string;
  /** Why the order matters, for the people named on a case (their first mail). */
  readonly why: string;
  /** What the certificate uploaded at the first step must be, and how it relates to the one it replaces. */
  readonly certificate: RenewalPolicy;
  /** The system on the other side of the tenant: the receiver it calls or the sender that calls it. */
  readonly peer: "receiver" | "sender";
  /** Whether the case names the tenant keystore alias of a key pair (the tenant's own client certificate). */
  readonly usesKeystoreAlias: boolean;
  /** Whether the case lists integration flows and runtime nodes (flows are stopped, restarted or changed). */
  readonly usesFlows: boolean;
  readonly steps: readonly StepDefinition[];
}

/** The step's number as people know it from the vendor's guide. */
export function stepLabel(step: Pick<StepDefinition, "number" | "label">): string {
  return step.label ?? String(step.number);
}

/** The label of step `number` of a procedure; the bare number when it has no such step. */
export function labelOfStep(definition: WorkflowDefinition, number: number): string {
  const step = definition.steps.find((candidate) => candidate.number === number);
  return step ? stepLabel(step) : String(number);
}

/** How many steps a procedure has, as its guide counts them: the last step's label ("10" for 12 rows with 4a/4b). */
export function stepTotal(definition: WorkflowDefinition): string {
  return stepLabel(definition.steps.at(-1)!);
}

/** The procedure's full name: what is renewed, and how. */
export function procedureName(definition: WorkflowDefinition): string {
  return definition.variant ? `${definition.familyName} — ${definition.name}` : definition.familyName;
}

/** The roles a procedure needs people for, in the order its steps first name them. */
export function rolesOf(definition: WorkflowDefinition): Role[] {
  const roles = definition.steps.flatMap((step) => [
    step.role,
    ...(step.to ? [step.to] : []),
    ...(step.with ? [step.with] : []),
  ]);
  return [...new Set(roles)];
}

/** Where every case of the procedure starts. */
export function firstStep(definition: WorkflowDefinition): StepDefinition {
  return definition.steps[0]!;
}

/** The step that takes this input, if the procedure has one. */
export function stepTaking(definition: WorkflowDefinition, input: StepInput): StepDefinition | undefined {
  return definition.steps.find((step) => step.input === input);
}

/**
 * Without a clean-up step of its own, the receiver's exchange step also decides about the old root CA, unless the CA
 * did not change (the root stays).
 */
export function receiverStepDecidesOldRoot(definition: WorkflowDefinition): boolean {
  return definition.certificate.ca !== "same" && !stepTaking(definition, "old-root-removal");
}

/** The step right before this one, if any. */
export function stepBefore(definition: WorkflowDefinition, number: number): StepDefinition | undefined {
  return definition.steps.find((step) => step.number === number - 1);
}

/** Whether a person gives this step (an action, a joint step, or a hand-over its owner gives). */
export function givenByPerson(step: StepDefinition): boolean {
  return step.kind !== "handover" || step.givenByOwner === true;
}

/** Whether the step's e-mail carries a one-click confirmation link. */
export function confirmableByLink(step: StepDefinition): boolean {
  return givenByPerson(step) && (!step.input || step.confirmByLink === true);
}

export * from "./procedures";
