import type { WorkflowDefinition } from "../definitions";

/**
 * The load balancer's TLS server certificate renewed under a new root, at a cut-over its operator announces. Senders
 * calling the tenant must trust the new root before then. The tenant administrator only passes the notice on.
 */
export const LOAD_BALANCER_SERVER: WorkflowDefinition = {
  id: "LOAD_BALANCER_SERVER",
  family: "load-balancer-server",
  familyName: "Load balancer server certificate under a new root",
  variant: null,
  name: "Scheduled cut-over",
  summary:
    "The load balancer switches at an announced time; each sender trusts the new root before then and drops the old root after.",
  why: "the load balancer in front of the tenant gets a server certificate under a new root CA at an announced time. Senders that do not trust the new root by then cannot reach the tenant.",
  certificate: { purpose: "server", ca: "different" },
  peer: "sender",
  usesKeystoreAlias: false,
  usesFlows: false,
  steps: [
    {
      number: 1,
      key: "create-server-certificate",
      role: "LOAD_BALANCER_ADMIN",
      kind: "action",
      input: "certificates",
      title: "Create the load balancer's new key pair and certificate under the new root CA",
      help: "Generate the new key pair for the virtual server and have its TLS server certificate issued under the new root. Upload the certificate, its intermediates and the new root so they can be checked.",
    },
    {
      number: 2,
      key: "announce-cut-over",
      role: "LOAD_BALANCER_ADMIN",
      kind: "handover",
      to: "TENANT_ADMIN",
      givenByOwner: true,
      input: "cut-over",
      delivers: "root",
      title: "Announce the cut-over time and pass the new root CA to the tenant administrator",
      help: "Set the moment the load balancer will present the new certificate. Leave the senders enough time to trust the new root before then.",
    },
    {
      number: 3,
      key: "forward-to-sender",
      role: "TENANT_ADMIN",
      kind: "handover",
      to: "SENDER_ADMIN",
      delivers: "root",
      title: "Pass the cut-over time and the new root CA on to the sender administrator",
      help: "Renewal Desk sends both to the sender administrator as soon as the cut-over is announced.",
    },
    {
      number: 4,
      key: "trust-new-root",
      role: "SENDER_ADMIN",
      kind: "action",
      dueBy: "cut-over",
      title: "Add the new root CA to the sender's trust store before the cut-over",
      help: "Import the new root into the trust store the sender's HTTPS client uses. Keep the old root: the load balancer presents the old certificate until the cut-over.",
    },
    {
      number: 5,
      key: "switch-server-certificate",
      role: "LOAD_BALANCER_ADMIN",
      kind: "action",
      title: "Switch the load balancer to the new key pair and certificate at the announced time",
      help: "Install the new key pair and certificate on the virtual server at the cut-over. Confirm once it presents the new certificate.",
    },
    {
      number: 6,
      key: "remove-old-root",
      role: "SENDER_ADMIN",
      kind: "action",
      title: "Remove the old root CA from the sender's trust store",
      help: "The cut-over has passed and the load balancer presents the new certificate. Remove the old root unless another connection of the sender still needs it.",
    },
  ],
};
