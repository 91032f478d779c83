import type { StepDefinition, WorkflowDefinition } from "../definitions";

/**
 * The tenant's outbound client certificate renewed: the tenant owns the key pair and keeps it under the same alias.
 * One definition serves both the change of CA and the renewal under the same CA; with the same CA no root travels.
 */
function tenantClientSteps(caChanges: boolean) {
  const root = (withRoot: string, without: string) => (caChanges ? withRoot : without);

  const createCertificate = {
    key: "create-certificate",
    role: "TENANT_ADMIN",
    kind: "action",
    input: "certificates",
    title: root(
      "Create the new key pair and have it signed by the new CA",
      "Create the new key pair and have it signed by the same CA",
    ),
    help: root(
      "Generate a fresh key pair for the tenant and get its client certificate issued by the other CA. Keep the private key in the tenant; only the certificate, its intermediates and the new root CA are shared.",
      "Generate a fresh key pair for the tenant and have the CA that issued the current certificate sign it. Keep the private key in the tenant; only the certificate and its chain are shared. Upload the CA's root so the chain can be checked.",
    ),
  } as const satisfies Omit<StepDefinition, "number">;

  const replaceKeystoreEntry = {
    key: "replace-keystore-entry",
    role: "TENANT_ADMIN",
    kind: "action",
    input: "keystore-alias",
    title: "Replace the key pair in the tenant keystore, keeping the old alias",
    help: "Import the newly signed certificate with its key pair under the alias the flows already use. Because the alias stays the same, no integration flow needs to be changed.",
  } as const satisfies Omit<StepDefinition, "number">;

  const restartFlows = {
    key: "restart-flows",
    role: "INTEGRATION_DEVELOPER",
    kind: "action",
    input: "flow-node-grid",
    title: "Restart the integration flows on every runtime node",
    help: "The outbound TLS connection keeps the keystore cached for up to 24 hours. Restart each flow that calls the receiver on all runtime nodes; a node that is skipped keeps presenting the old certificate.",
  } as const satisfies Omit<StepDefinition, "number">;

  const handoverRestart = {
    key: "handover-restart",
    role: "TENANT_ADMIN",
    kind: "handover",
    to: "INTEGRATION_DEVELOPER",
    title: "Tell the integration developer that the flows may be restarted",
  } as const satisfies Omit<StepDefinition, "number" | "help">;

  const bothAccepted: StepDefinition[] = [
    { number: 1, ...createCertificate },
    {
      number: 2,
      key: "handover-certificate",
      role: "TENANT_ADMIN",
      kind: "handover",
      to: "RECEIVER_ADMIN",
      delivers: caChanges ? "certificate-and-root" : "certificate",
      title: root(
        "Hand the new certificate and new root CA to the receiver administrator",
        "Hand the new certificate to the receiver administrator",
      ),
      help: root(
        "The receiver needs the new root because the issuing CA has changed.",
        "The CA is the same, so the receiver already trusts its root; only the certificate travels.",
      ),
    },
    {
      number: 3,
      key: "configure-receiver",
      role: "RECEIVER_ADMIN",
      kind: "action",
      input: "receiver-checklist",
      confirmByLink: true,
      title: "Configure the receiver to accept the old and the new certificate",
      help: root(
        "Import the new root CA into the receiver's trust store and accept the new client certificate next to the old one, so traffic keeps flowing during the switch.",
        "Accept the new client certificate next to the old one (for example, map it to the same technical user). The trust store stays as it is.",
      ),
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
    { number: 5, ...replaceKeystoreEntry },
    {
      number: 6,
      ...handoverRestart,
      help: "The new key pair is in the keystore; the flows pick it up only after a restart.",
    },
    { number: 7, ...restartFlows },
    {
      number: 8,
      key: "report-new-in-use",
      role: "TENANT_ADMIN",
      kind: "handover",
      to: "RECEIVER_ADMIN",
      title: "Tell the receiver administrator that the new certificate is in use",
      help: "Every flow now presents the new certificate, so the old one can go.",
    },
    caChanges
      ? {
          number: 9,
          key: "remove-old",
          role: "RECEIVER_ADMIN",
          kind: "action",
          input: "old-root-removal",
          title: "Remove the old client certificate and the old root CA",
          help: "Delete the old client certificate from the receiver. Remove the old root CA only if no other connection still depends on it.",
        }
      : {
          number: 9,
          key: "remove-old-certificate",
          role: "RECEIVER_ADMIN",
          kind: "action",
          title: "Remove the old client certificate from the receiver",
          help: "Delete the old client certificate (or its user mapping) on the receiver. The root CA stays: the new certificate comes from the same CA.",
        },
  ];

  const downtime: StepDefinition[] = [
    { number: 1, ...createCertificate },
    {
      number: 2,
      key: "agree-downtime",
      role: "TENANT_ADMIN",
      kind: "joint",
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
    { number: 6, ...replaceKeystoreEntry },
    {
      number: 7,
      key: "handover-certificate",
      role: "TENANT_ADMIN",
      kind: "handover",
      to: "RECEIVER_ADMIN",
      delivers: caChanges ? "certificate-and-root" : "certificate",
      title: root(
        "Hand the new certificate and root CA to the receiver administrator",
        "Hand the new certificate to the receiver administrator",
      ),
      help: "The HTTPS client is stopped, so the receiver can switch to the new certificate now.",
    },
    {
      number: 8,
      key: "exchange-certificate",
      role: "RECEIVER_ADMIN",
      kind: "action",
      input: "receiver-checklist",
      title: root(
        "Exchange the certificate on the receiver and import the new root CA",
        "Exchange the certificate on the receiver",
      ),
      help: root(
        "Replace the accepted client certificate with the new one and add the new root CA to the trust store.",
        "Replace the accepted client certificate with the new one. The trust store stays as it is: the CA has not changed.",
      ),
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
    { number: 10, ...handoverRestart, help: "Both sides now use the new certificate." },
    { number: 11, ...restartFlows },
  ];
  return { bothAccepted, downtime };
}

const SUMMARIES = {
  A: "The receiver accepts the old and the new client certificate side by side, so the switch happens without an interruption.",
  B: "The receiver accepts only one client certificate, so the flows are stopped for an agreed window while both sides switch.",
} as const;

function tenantClientProcedures(caChanges: boolean): [WorkflowDefinition, WorkflowDefinition] {
  const { bothAccepted, downtime } = tenantClientSteps(caChanges);
  const family = caChanges
    ? ({
        family: "tenant-client-new-ca",
        familyName: "Tenant client certificate from a new CA",
        why: "the tenant's client certificate is being replaced by one from a different CA, and each side has to act in a fixed order so that no message fails.",
        certificate: { purpose: "client", ca: "different" },
      } as const)
    : ({
        family: "tenant-client-same-ca",
        familyName: "Tenant client certificate from the same CA",
        why: "the tenant's client certificate is being replaced by a new one from the same CA, and the receiver must accept it before the tenant presents it, so each side acts in a fixed order.",
        certificate: { purpose: "client", ca: "same" },
      } as const);
  const common = { ...family, peer: "receiver", usesKeystoreAlias: true, usesFlows: true } as const;
  return [
    {
      id: caChanges ? "TENANT_CLIENT_NEW_CA_BOTH" : "TENANT_CLIENT_SAME_CA_BOTH",
      ...common,
      variant: "A",
      name: "Both certificates accepted (no downtime)",
      summary: SUMMARIES.A,
      steps: bothAccepted,
    },
    {
      id: caChanges ? "TENANT_CLIENT_NEW_CA_DOWNTIME" : "TENANT_CLIENT_SAME_CA_DOWNTIME",
      ...common,
      variant: "B",
      name: "One certificate at a time (downtime window)",
      summary: SUMMARIES.B,
      steps: downtime,
    },
  ];
}

export const [TENANT_CLIENT_NEW_CA_BOTH, TENANT_CLIENT_NEW_CA_DOWNTIME] = tenantClientProcedures(true);
export const [TENANT_CLIENT_SAME_CA_BOTH, TENANT_CLIENT_SAME_CA_DOWNTIME] = tenantClientProcedures(false);
