import { workflowFor, type ProcedureId } from "./definitions";

/** What a person says about a renewal, in plain words, when starting a case. */
export interface RenewalAnswers {
  /** Which certificate is renewed, named by who owns its key pair. */
  keyOwner: "tenant" | "receiver" | "load-balancer" | "sender";
  /** For the tenant's own certificate: does the new one come from a different CA? */
  caChanges?: "yes" | "no";
  /** For the tenant's own certificate: can the receiver accept the old and the new one at the same time? */
  acceptsBoth?: "yes" | "no";
}

export const KEY_OWNER_CHOICES = [
  {
    value: "tenant",
    label: "The tenant's own client certificate",
    help: "The tenant calls a receiver over HTTPS and proves who it is with this certificate. The key pair lives in the tenant keystore.",
  },
  {
    value: "receiver",
    label: "A receiver's server certificate",
    help: "The tenant calls this receiver over HTTPS; the receiver owns the key pair and now has a certificate from a different CA.",
  },
  {
    value: "load-balancer",
    label: "The load balancer's server certificate",
    help: "Senders call the tenant through SAP's load balancer, which gets a certificate under a new root CA at an announced time.",
  },
  {
    value: "sender",
    label: "A sender's client certificate",
    help: "A sender calls the tenant over HTTPS and proves who it is with this certificate; the sender owns the key pair.",
  },
] as const;

/** The procedure that fits the answers; null while a question the answer depends on is open. */
export function proposeProcedure(answers: Partial<RenewalAnswers>): ProcedureId | null {
  switch (answers.keyOwner) {
    case "receiver":
      return "RECEIVER_SERVER";
    case "load-balancer":
      return "LOAD_BALANCER_SERVER";
    case "sender":
      return "SENDER_CLIENT";
    case "tenant": {
      if (!answers.caChanges || !answers.acceptsBoth) return null;
      if (answers.caChanges === "yes")
        return answers.acceptsBoth === "yes" ? "TENANT_CLIENT_NEW_CA_BOTH" : "TENANT_CLIENT_NEW_CA_DOWNTIME";
      return answers.acceptsBoth === "yes" ? "TENANT_CLIENT_SAME_CA_BOTH" : "TENANT_CLIENT_SAME_CA_DOWNTIME";
    }
    default:
      return null;
  }
}

/**
 * The procedure whose facts and people a new case asks for: the proposed one, or, while only the receiver question is
 * open, its variant A (both variants ask for the same).
 */
export function procedureForFields(answers: Partial<RenewalAnswers>): ProcedureId | null {
  return proposeProcedure(answers) ?? proposeProcedure({ ...answers, acceptsBoth: "yes" });
}

/** The same-CA procedure of a new-CA one (offered when the uploaded certificate shows the CA did not change). */
export function sameCaCounterpart(procedure: ProcedureId): ProcedureId | null {
  if (procedure === "TENANT_CLIENT_NEW_CA_BOTH") return "TENANT_CLIENT_SAME_CA_BOTH";
  if (procedure === "TENANT_CLIENT_NEW_CA_DOWNTIME") return "TENANT_CLIENT_SAME_CA_DOWNTIME";
  return null;
}

/** The answers that lead to a procedure: a renewal started from a certificate in use proposes the one it ran under. */
export function answersFor(procedure: ProcedureId): RenewalAnswers {
  switch (procedure) {
    case "RECEIVER_SERVER":
      return { keyOwner: "receiver" };
    case "LOAD_BALANCER_SERVER":
      return { keyOwner: "load-balancer" };
    case "SENDER_CLIENT":
      return { keyOwner: "sender" };
    default: {
      const definition = workflowFor(procedure);
      return {
        keyOwner: "tenant",
        caChanges: definition.certificate.ca === "same" ? "no" : "yes",
        acceptsBoth: definition.variant === "A" ? "yes" : "no",
      };
    }
  }
}

/**
 * A tenant keystore entry to renew: a key pair is the tenant's own client certificate; a trusted certificate is a
 * receiver's (its server certificate or root), renewed by the receiver-server procedure.
 */
export function answersForKeystoreEntry(type: string | null): Pick<RenewalAnswers, "keyOwner"> {
  return { keyOwner: type?.toLowerCase().replace(/\s+/g, "") === "certificate" ? "receiver" : "tenant" };
}
