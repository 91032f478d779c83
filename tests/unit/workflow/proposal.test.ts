import { describe, expect, it } from "vitest";
import { PROCEDURE_IDS } from "@/lib/workflow";
import {
  answersFor,
  answersForKeystoreEntry,
  procedureForFields,
  proposeProcedure,
  sameCaCounterpart,
} from "@/lib/workflow/proposal";

describe("choosing a procedure", () => {
  it("proposes each procedure from plain answers", () => {
    expect(proposeProcedure({ keyOwner: "tenant", caChanges: "yes", acceptsBoth: "yes" })).toBe(
      "TENANT_CLIENT_NEW_CA_BOTH",
    );
    expect(proposeProcedure({ keyOwner: "tenant", caChanges: "no", acceptsBoth: "yes" })).toBe(
      "TENANT_CLIENT_SAME_CA_BOTH",
    );
    expect(proposeProcedure({ keyOwner: "receiver" })).toBe("RECEIVER_SERVER");
    expect(proposeProcedure({ keyOwner: "load-balancer" })).toBe("LOAD_BALANCER_SERVER");
    expect(proposeProcedure({ keyOwner: "sender" })).toBe("SENDER_CLIENT");
  });

  it("proposes nothing while a question it depends on is open", () => {
    expect(proposeProcedure({})).toBeNull();
    expect(proposeProcedure({ keyOwner: "tenant", caChanges: "yes" })).toBeNull();
  });

  it("finds its way back from every procedure to the answers that lead to it", () => {
    for (const procedure of PROCEDURE_IDS) expect(proposeProcedure(answersFor(procedure))).toBe(procedure);
  });

  it("offers the same-CA procedure only for the tenant's own certificate from a new CA", () => {
    expect(PROCEDURE_IDS.map((procedure) => [procedure, sameCaCounterpart(procedure)])).toEqual([
      ["TENANT_CLIENT_NEW_CA_BOTH", "TENANT_CLIENT_SAME_CA_BOTH"],
      ["TENANT_CLIENT_NEW_CA_DOWNTIME", "TENANT_CLIENT_SAME_CA_DOWNTIME"],
      ["TENANT_CLIENT_SAME_CA_BOTH", null],
      ["TENANT_CLIENT_SAME_CA_DOWNTIME", null],
      ["RECEIVER_SERVER", null],
      ["LOAD_BALANCER_SERVER", null],
      ["SENDER_CLIENT", null],
    ]);
  });

  it("renews a tenant key pair as the tenant's certificate and a trusted certificate as a receiver's", () => {
    expect(answersForKeystoreEntry("Key Pair")).toEqual({ keyOwner: "tenant" });
    expect(answersForKeystoreEntry("Certificate")).toEqual({ keyOwner: "receiver" });
    expect(answersForKeystoreEntry(null)).toEqual({ keyOwner: "tenant" });
  });
});

describe("the fields of a new case", () => {
  it("follow the proposed procedure, or its variant A while only the receiver question is open", () => {
    expect(procedureForFields({ keyOwner: "tenant", caChanges: "no" })).toBe("TENANT_CLIENT_SAME_CA_BOTH");
    expect(procedureForFields({ keyOwner: "tenant", caChanges: "yes", acceptsBoth: "no" })).toBe(
      "TENANT_CLIENT_NEW_CA_DOWNTIME",
    );
    expect(procedureForFields({ keyOwner: "sender" })).toBe("SENDER_CLIENT");
    expect(procedureForFields({})).toBeNull();
  });
});
