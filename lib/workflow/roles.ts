/** The people the renewal procedures need. Values match the database enum ParticipantRole. */
export const ROLES = [
  "TENANT_ADMIN",
  "RECEIVER_ADMIN",
  "INTEGRATION_DEVELOPER",
  "SENDER_ADMIN",
  "LOAD_BALANCER_ADMIN",
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABEL: Record<Role, string> = {
  TENANT_ADMIN: "Tenant administrator",
  RECEIVER_ADMIN: "Receiver administrator",
  INTEGRATION_DEVELOPER: "Integration developer",
  SENDER_ADMIN: "Sender administrator",
  LOAD_BALANCER_ADMIN: "Load balancer administrator",
};

export const ROLE_SHORT: Record<Role, string> = {
  TENANT_ADMIN: "TA",
  RECEIVER_ADMIN: "RA",
  INTEGRATION_DEVELOPER: "ID",
  SENDER_ADMIN: "SA",
  LOAD_BALANCER_ADMIN: "LBA",
};

export const ROLE_DUTIES: Record<Role, string> = {
  TENANT_ADMIN:
    "Owns the tenant's security material: its key pairs, trusted roots and certificate-to-user mappings; passes material between the other sides.",
  RECEIVER_ADMIN:
    "Owns the receiving server or reverse proxy: its trust store, its own certificate, and how it maps client certificates to users.",
  INTEGRATION_DEVELOPER:
    "Owns the integration flows: stops, restarts and redeploys them, and edits their sender channels.",
  SENDER_ADMIN: "Owns the sending system: its client certificate and the trust store its HTTPS client uses.",
  LOAD_BALANCER_ADMIN:
    "Operates the load balancer in front of the tenant (on SAP's side): its server certificate and the moment it changes.",
};

/** The form field that names the people of each role on a new case. */
export const ROLE_FIELD = {
  TENANT_ADMIN: "tenantAdmins",
  RECEIVER_ADMIN: "receiverAdmins",
  INTEGRATION_DEVELOPER: "integrationDevelopers",
  SENDER_ADMIN: "senderAdmins",
  LOAD_BALANCER_ADMIN: "loadBalancerAdmins",
} as const satisfies Record<Role, string>;
