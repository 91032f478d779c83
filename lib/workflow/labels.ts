import type { OperatingModel } from "@/lib/generated/prisma/enums";
import type { Channel } from "@/lib/generated/prisma/enums";

export const OPERATING_MODEL_LABEL: Record<OperatingModel, string> = {
  CUSTOMER_MANAGED: "Customer-managed",
  SAP_MANAGED: "SAP-managed",
};

/** Who does the tenant-side work under each operating model. */
export const OPERATING_MODEL_PARTY: Record<OperatingModel, string> = {
  CUSTOMER_MANAGED: "the customer",
  SAP_MANAGED: "SAP",
};

export const CHANNEL_LABEL: Record<Channel, string> = {
  WEB: "web",
  EMAIL_LINK: "e-mail link",
  SYSTEM: "system",
};

/** The name of the system on the other side of the tenant, by the procedure's peer. */
export const PEER_LABEL = { receiver: "Receiver system", sender: "Sender system" } as const;
