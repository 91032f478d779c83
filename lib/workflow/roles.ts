/** The three people a renewal needs. Values match the database enum ParticipantRole. */
export const ROLES = ["TENANT_ADMIN", "RECEIVER_ADMIN", "INTEGRATION_DEVELOPER"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABEL: Record<Role, string> = {
  TENANT_ADMIN: "Tenant administrator",
  RECEIVER_ADMIN: "Receiver administrator",
  INTEGRATION_DEVELOPER: "Integration developer",
};

export const ROLE_SHORT: Record<Role, string> = {
  TENANT_ADMIN: "TA",
  RECEIVER_ADMIN: "RA",
  INTEGRATION_DEVELOPER: "ID",
};

export const ROLE_DUTIES: Record<Role, string> = {
  TENANT_ADMIN:
    "Owns the tenant keystore: makes the new key pair, has it signed, imports it and hands certificates over.",
  RECEIVER_ADMIN:
    "Owns the receiving server or reverse proxy: trusts the new root CA, maps the new certificate, removes old material.",
  INTEGRATION_DEVELOPER: "Owns the integration flows: stops and restarts them on every runtime node.",
};
