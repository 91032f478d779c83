import type { WorkflowDefinition } from "../definitions";

/**
 * The receiver's TLS server certificate renewed under a different CA. The receiver owns the key pair and starts;
 * the tenant only has to trust the new root before the receiver switches, and may drop the old root afterwards.
 */
export const RECEIVER_SERVER: WorkflowDefinition = {
  id: "RECEIVER_SERVER",
  family: "receiver-server",
  familyName: "Receiver server certificate from a new CA",
  variant: null,
  name: "Tenant trusts both roots during the switch",
  summary:
    "The tenant trusts the receiver's new root next to the old one and restarts its flows before the receiver switches, so no call fails.",
  why: "the receiver's server certificate is being replaced by one from a different CA. The tenant must trust the new CA before the receiver presents it, so each side acts in a fixed order.",
  certificate: { purpose: "server", ca: "different" },
  peer: "receiver",
  usesKeystoreAlias: false,
  usesFlows: true,
  steps: [
    {
      number: 1,
      key: "create-server-certificate",
      role: "RECEIVER_ADMIN",
      kind: "action",
      input: "certificates",
      title: "Create the receiver's new key pair and have its server certificate signed by the new CA",
      help: "Generate the new key pair on the receiver and get its TLS server certificate issued by the other CA. Keep the private key on the receiver; upload the certificate, its intermediates and the new root CA so they can be checked.",
    },
    {
      number: 2,
      key: "handover-root",
      role: "RECEIVER_ADMIN",
      kind: "handover",
      to: "TENANT_ADMIN",
      delivers: "root",
      title: "Hand the new root CA to the tenant administrator",
      help: "The tenant verifies the receiver's certificate against its trusted roots, so it needs the new one first.",
    },
    {
      number: 3,
      key: "import-root",
      role: "TENANT_ADMIN",
      kind: "action",
      title: "Import the new root CA into the tenant keystore",
      help: "Add the new root as a trusted certificate. Leave the old root where it is: the receiver still presents its old certificate until step 6.",
    },
    {
      number: 4,
      key: "restart-flows",
      role: "TENANT_ADMIN",
      kind: "action",
      input: "flow-node-grid",
      title: "Restart every flow that calls the receiver over HTTPS",
      help: "The outbound TLS connection keeps the keystore cached for up to 24 hours. Restart each flow that calls this receiver, on every runtime node, so that it trusts the new root before the receiver switches.",
    },
    {
      number: 5,
      key: "report-root-trusted",
      role: "TENANT_ADMIN",
      kind: "handover",
      to: "RECEIVER_ADMIN",
      title: "Tell the receiver administrator that the new root is trusted",
      help: "The receiver may now present its new certificate.",
    },
    {
      number: 6,
      key: "switch-server-certificate",
      role: "RECEIVER_ADMIN",
      kind: "action",
      title: "Switch the receiver to its new key pair and certificate",
      help: "Install the new key pair and server certificate (with its intermediates) on the receiver. Load balancers, AS ABAP and SAP JEE Engine can do this without downtime.",
    },
    {
      number: 7,
      key: "report-old-root-free",
      role: "RECEIVER_ADMIN",
      kind: "handover",
      to: "TENANT_ADMIN",
      title: "Tell the tenant administrator that the old root may be removed",
      help: "The receiver no longer presents a certificate from the old CA.",
    },
    {
      number: 8,
      key: "remove-old-root",
      role: "TENANT_ADMIN",
      kind: "action",
      title: "Delete the old root CA from the tenant keystore",
      help: "Remove the old root only if no other receiver's certificate still chains to it; otherwise keep it and say so in the comment.",
    },
  ],
};
