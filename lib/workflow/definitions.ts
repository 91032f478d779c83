import type { Role } from "./roles";

export type Variant = "A" | "B";

/**
 * "action": a person does something outside the app and confirms it.
 * "handover": one role tells another; the app performs it the moment the step before it is done.
 */
export type StepKind = "action" | "handover";

export interface StepDefinition {
  readonly number: number;
  readonly key: string;
  /** Who owns the step: for a hand-over, the role that hands over. */
  readonly role: Role;
  readonly kind: StepKind;
  /** For hand-overs: who receives it. */
  readonly to?: Role;
  /** A role that takes part without owning the step (the downtime agreement). */
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
}

export type StepInput =
  "certificates" | "downtime-window" | "receiver-checklist" | "keystore-alias" | "flow-node-grid" | "old-root-removal";

export interface WorkflowDefinition {
  readonly variant: Variant;
  readonly name: string;
  readonly summary: string;
  readonly steps: readonly StepDefinition[];
}

const CREATE_CERTIFICATE = {
  input: "certificates",
  title: "Create the new key pair and have it signed by the new CA",
  help: "Generate a fresh key pair for the tenant and get its client certificate issued by the other CA. Keep the private key in the tenant; only the certificate, its intermediates and the new root CA are shared.",
} as const;

const REPLACE_KEYSTORE_ENTRY = {
  input: "keystore-alias",
  title: "Replace the key pair in the tenant keystore, keeping the old alias",
  help: "Import the newly signed certificate with its key pair under the alias the flows already use. Because the alias stays the same, no integration flow needs to be changed.",
} as const;

const RESTART_FLOWS = {
  input: "flow-node-grid",
  title: "Restart the integration flows on every runtime node",
  help: "The outbound TLS connection keeps the keystore cached for up to 24 hours. Restart each flow that calls the receiver on all runtime nodes; a node that is skipped keeps presenting the old certificate.",
} as const;

export const VARIANT_A: WorkflowDefinition = {
  variant: "A",
  name: "Both certificates accepted (no downtime)",
  summary:
    "The receiver accepts the old and the new client certificate side by side, so the switch happens without an interruption.",
  steps: [
    { number: 1, key: "create-certificate", role: "TENANT_ADMIN", kind: "action", ...CREATE_CERTIFICATE },
    {
      number: 2,
      key: "handover-certificate",
      role: "TENANT_ADMIN",
      kind: "handover",
      to: "RECEIVER_ADMIN",
      title: "Hand the new certificate and new root CA to the receiver administrator",
      help: "The receiver needs the new root because the issuing CA has changed.",
    },
    {
      number: 3,
      key: "configure-receiver",
      role: "RECEIVER_ADMIN",
      kind: "action",
      input: "receiver-checklist",
      confirmByLink: true,
      title: "Configure the receiver to accept the old and the new certificate",
      help: "Import the new root CA into the receiver's trust store and accept the new client certificate next to the old one, so traffic keeps flowing during the switch.",
    },
    {
      number: 4,
      key: "report-both-accepted",
      role: "RECEIVER_ADMIN",
      kind: "handover",
      to: "TENANT_ADMIN",
      title: "Tell the tenant administrator that both certificates are accepted",
      help: "From now on the tenant may present either certificate.",
    },
    { number: 5, key: "replace-keystore-entry", role: "TENANT_ADMIN", kind: "action", ...REPLACE_KEYSTORE_ENTRY },
    {
      number: 6,
      key: "handover-restart",
      role: "TENANT_ADMIN",
      kind: "handover",
      to: "INTEGRATION_DEVELOPER",
      title: "Tell the integration developer that the flows may be restarted",
      help: "The new key pair is in the keystore; the flows pick it up only after a restart.",
    },
    { number: 7, key: "restart-flows", role: "INTEGRATION_DEVELOPER", kind: "action", ...RESTART_FLOWS },
    {
      number: 8,
      key: "report-new-in-use",
      role: "TENANT_ADMIN",
      kind: "handover",
      to: "RECEIVER_ADMIN",
      title: "Tell the receiver administrator that the new certificate is in use",
      help: "Every flow now presents the new certificate, so the old one can go.",
    },
    {
      number: 9,
      key: "remove-old",
      role: "RECEIVER_ADMIN",
      kind: "action",
      input: "old-root-removal",
      title: "Remove the old client certificate and the old root CA",
      help: "Delete the old client certificate from the receiver. Remove the old root CA only if no other connection still depends on it.",
    },
  ],
};

export const VARIANT_B: WorkflowDefinition = {
  variant: "B",
  name: "One certificate at a time (downtime window)",
  summary:
    "The receiver accepts only one client certificate, so the flows are stopped for an agreed window while both sides switch.",
  steps: [
    { number: 1, key: "create-certificate", role: "TENANT_ADMIN", kind: "action", ...CREATE_CERTIFICATE },
    {
      number: 2,
      key: "agree-downtime",
      role: "TENANT_ADMIN",
      kind: "action",
      with: "RECEIVER_ADMIN",
      input: "downtime-window",
      title: "Agree on a downtime window with the receiver administrator",
      help: "Messages to the receiver cannot be sent while the certificate is exchanged. Settle on a start and an end that both sides can staff.",
    },
    {
      number: 3,
      key: "handover-stop",
      role: "TENANT_ADMIN",
      kind: "handover",
      to: "INTEGRATION_DEVELOPER",
      waitsFor: "window-start",
      title: "Ask the integration developer to stop the flows when the window starts",
      help: "Only the flows that use this client certificate for outbound HTTPS need to stop.",
    },
    {
      number: 4,
      key: "stop-flows",
      role: "INTEGRATION_DEVELOPER",
      kind: "action",
      input: "flow-node-grid",
      title: "Stop the integration flows that use the client certificate",
      help: "Stop every flow that calls the receiver with this certificate, on all runtime nodes.",
    },
    {
      number: 5,
      key: "report-stopped",
      role: "INTEGRATION_DEVELOPER",
      kind: "handover",
      to: "TENANT_ADMIN",
      title: "Tell the tenant administrator that the flows are stopped",
      help: "The keystore can now be changed without failing messages.",
    },
    { number: 6, key: "replace-keystore-entry", role: "TENANT_ADMIN", kind: "action", ...REPLACE_KEYSTORE_ENTRY },
    {
      number: 7,
      key: "handover-certificate",
      role: "TENANT_ADMIN",
      kind: "handover",
      to: "RECEIVER_ADMIN",
      title: "Hand the new certificate and root CA to the receiver administrator",
      help: "The HTTPS client is stopped, so the receiver can switch to the new certificate now.",
    },
    {
      number: 8,
      key: "exchange-certificate",
      role: "RECEIVER_ADMIN",
      kind: "action",
      input: "receiver-checklist",
      title: "Exchange the certificate on the receiver and import the new root CA",
      help: "Replace the accepted client certificate with the new one and add the new root CA to the trust store.",
    },
    {
      number: 9,
      key: "report-exchanged",
      role: "RECEIVER_ADMIN",
      kind: "handover",
      to: "TENANT_ADMIN",
      title: "Tell the tenant administrator that the certificate has been exchanged",
      help: "The receiver now expects the new certificate.",
    },
    {
      number: 10,
      key: "handover-restart",
      role: "TENANT_ADMIN",
      kind: "handover",
      to: "INTEGRATION_DEVELOPER",
      title: "Tell the integration developer that the flows may be restarted",
      help: "Both sides now use the new certificate.",
    },
    { number: 11, key: "restart-flows", role: "INTEGRATION_DEVELOPER", kind: "action", ...RESTART_FLOWS },
  ],
};

export const WORKFLOWS: Record<Variant, WorkflowDefinition> = { A: VARIANT_A, B: VARIANT_B };

export function workflowFor(variant: Variant): WorkflowDefinition {
  return WORKFLOWS[variant];
}

export function stepDefinition(variant: Variant, number: number): StepDefinition | undefined {
  return WORKFLOWS[variant].steps.find((step) => step.number === number);
}

/** Where every case of the procedure starts. */
export function firstStep(definition: WorkflowDefinition): StepDefinition {
  return definition.steps[0]!;
}

/** The step that takes this input, if the procedure has one. */
export function stepTaking(definition: WorkflowDefinition, input: StepInput): StepDefinition | undefined {
  return definition.steps.find((step) => step.input === input);
}

/** Without a clean-up step of its own, the receiver's exchange step also decides about the old root CA. */
export function receiverStepDecidesOldRoot(definition: WorkflowDefinition): boolean {
  return !stepTaking(definition, "old-root-removal");
}

/** The step right before this one, if any. */
export function stepBefore(definition: WorkflowDefinition, number: number): StepDefinition | undefined {
  return definition.steps.find((step) => step.number === number - 1);
}

/** Whether the step's e-mail carries a one-click confirmation link. */
export function confirmableByLink(step: StepDefinition): boolean {
  return step.kind === "action" && (!step.input || step.confirmByLink === true);
}
