import type { ProcedureId, StepDefinition, WorkflowDefinition } from "../definitions";
import { LOAD_BALANCER_SERVER } from "./load-balancer-server";
import { RECEIVER_SERVER } from "./receiver-server";
import { SENDER_CLIENT } from "./sender-client";
import {
  TENANT_CLIENT_NEW_CA_BOTH,
  TENANT_CLIENT_NEW_CA_DOWNTIME,
  TENANT_CLIENT_SAME_CA_BOTH,
  TENANT_CLIENT_SAME_CA_DOWNTIME,
} from "./tenant-client";

/** Every procedure Renewal Desk runs, by the id a case stores. Adding one means adding its definition here. */
export const PROCEDURES: Record<ProcedureId, WorkflowDefinition> = {
  TENANT_CLIENT_NEW_CA_BOTH,
  TENANT_CLIENT_NEW_CA_DOWNTIME,
  TENANT_CLIENT_SAME_CA_BOTH,
  TENANT_CLIENT_SAME_CA_DOWNTIME,
  RECEIVER_SERVER,
  LOAD_BALANCER_SERVER,
  SENDER_CLIENT,
};

export function workflowFor(procedure: ProcedureId): WorkflowDefinition {
  return PROCEDURES[procedure];
}

export function stepDefinition(procedure: ProcedureId, number: number): StepDefinition | undefined {
  return PROCEDURES[procedure].steps.find((step) => step.number === number);
}

export {
  TENANT_CLIENT_NEW_CA_BOTH,
  TENANT_CLIENT_NEW_CA_DOWNTIME,
  RECEIVER_SERVER,
  LOAD_BALANCER_SERVER,
  SENDER_CLIENT,
};
export { TENANT_CLIENT_SAME_CA_BOTH, TENANT_CLIENT_SAME_CA_DOWNTIME };
