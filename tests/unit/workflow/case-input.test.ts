import { describe, expect, it } from "vitest";
import { caseInputSchema, participantsOf } from "@/lib/workflow/case-input";

const valid = {
  workspaceId: "ws1",
  title: "ERP outbound certificate 2027",
  receiverSystem: "S/4HANA PRD",
  acceptsBoth: "yes",
  operatingModel: "CUSTOMER_MANAGED",
  keystoreAlias: "erp_client_cert",
  runtimeNodes: "node-1\nnode-2",
  integrationFlows: "Send Orders, Send Invoices",
  tenantAdmins: "TA@Example.com",
  receiverAdmins: "ra@partner.example",
  integrationDevelopers: "dev@example.com ta@example.com",
};

function fieldErrors(input: Record<string, unknown>) {
  const result = caseInputSchema.safeParse(input);
  if (result.success) return {};
  const first: Record<string, string> = {};
  for (const issue of result.error.issues) first[String(issue.path[0])] ??= issue.message;
  return first;
}

describe("case input", () => {
  it("accepts a complete case and normalises lists and addresses", () => {
    const parsed = caseInputSchema.parse(valid);
    expect(parsed.runtimeNodes).toEqual(["node-1", "node-2"]);
    expect(parsed.integrationFlows).toEqual(["Send Orders", "Send Invoices"]);
    expect(parsed.tenantAdmins).toEqual(["ta@example.com"]);
    expect(parsed.integrationDevelopers).toEqual(["dev@example.com", "ta@example.com"]);
  });

  it("lets one person hold several roles", () => {
    const roles = participantsOf(caseInputSchema.parse(valid))
      .filter((p) => p.email === "ta@example.com")
      .map((p) => p.role);
    expect(roles).toEqual(["TENANT_ADMIN", "INTEGRATION_DEVELOPER"]);
  });

  it.each([
    ["title", "ab", "The title needs at least 3 characters."],
    ["title", "x".repeat(121), "The title can be at most 120 characters."],
    ["receiverSystem", "   ", "Name the receiver system."],
    ["acceptsBoth", "maybe", "Say whether the receiver can accept both certificates at once."],
    ["operatingModel", "SELF", "Choose the operating model."],
    [
      "keystoreAlias",
      "my alias",
      "An alias may contain letters, digits, dot, underscore, @ and hyphen, and no spaces.",
    ],
    ["keystoreAlias", "", "Enter the keystore alias."],
    ["runtimeNodes", " \n ", "Enter at least one runtime node."],
    ["runtimeNodes", "node-1\nNODE-1", "Each runtime node may appear only once."],
    ["integrationFlows", "", "Enter at least one integration flow."],
    ["tenantAdmins", "", "Enter the e-mail address of at least one tenant administrator."],
    ["receiverAdmins", "not-an-address", '"not-an-address" is not a valid e-mail address.'],
  ])("refuses %s = %j with a clear message", (field, value, message) => {
    expect(fieldErrors({ ...valid, [field]: value })[field]).toBe(message);
  });

  it("reports a missing field by name", () => {
    const withoutDevelopers: Record<string, unknown> = { ...valid };
    delete withoutDevelopers.integrationDevelopers;
    expect(fieldErrors(withoutDevelopers).integrationDevelopers).toBe(
      "Enter the e-mail address of at least one integration developer.",
    );
  });

  it("limits the number of people per role", () => {
    const many = Array.from({ length: 11 }, (_, index) => `p${index}@example.com`).join(",");
    expect(fieldErrors({ ...valid, receiverAdmins: many }).receiverAdmins).toBe("Name at most 10 people per role.");
  });
});

describe("case input for each procedure", () => {
  const base = {
    workspaceId: "ws1",
    title: "Renewal 2027",
    receiverSystem: "Partner system",
    operatingModel: "SAP_MANAGED",
    tenantAdmins: "ta@example.com",
  };

  it("proposes the procedure from what is renewed, and keeps only the people it needs", () => {
    const parsed = caseInputSchema.parse({
      ...base,
      keyOwner: "load-balancer",
      loadBalancerAdmins: "ops@provider.example",
      senderAdmins: "sa@sender.example",
      // Left over from an earlier choice on the form: it names nobody on this procedure.
      receiverAdmins: "ra@partner.example",
      keystoreAlias: "left_over",
      integrationFlows: "Left over",
    });
    expect(parsed.procedure).toBe("LOAD_BALANCER_SERVER");
    expect(participantsOf(parsed)).toEqual([
      { email: "ta@example.com", role: "TENANT_ADMIN" },
      { email: "sa@sender.example", role: "SENDER_ADMIN" },
      { email: "ops@provider.example", role: "LOAD_BALANCER_ADMIN" },
    ]);
    expect({ alias: parsed.keystoreAlias, flows: parsed.integrationFlows }).toEqual({ alias: null, flows: [] });
  });

  it("runs the tenant's certificate under the same CA when the CA does not change", () => {
    const parsed = caseInputSchema.parse({ ...valid, caChanges: "no", acceptsBoth: "no" });
    expect(parsed.procedure).toBe("TENANT_CLIENT_SAME_CA_DOWNTIME");
  });

  it.each([
    ["receiver", { receiverAdmins: "ra@partner.example" }, ["runtimeNodes", "integrationFlows"]],
    ["sender", { senderAdmins: "sa@sender.example", integrationDevelopers: "dev@example.com" }, ["integrationFlows"]],
  ] as const)("asks the %s procedure for the flows it changes", (keyOwner, people, required) => {
    const errors = fieldErrors({ ...base, keyOwner, ...people });
    expect(Object.keys(errors).sort()).toEqual([...required].sort());
    // A sender's certificate is redeployed, not restarted: no runtime nodes.
    if (keyOwner === "sender") expect(errors.runtimeNodes).toBeUndefined();
  });

  it.each([
    ["load-balancer", "loadBalancerAdmins", "Enter the e-mail address of at least one load balancer administrator."],
    ["load-balancer", "senderAdmins", "Enter the e-mail address of at least one sender administrator."],
    ["sender", "senderAdmins", "Enter the e-mail address of at least one sender administrator."],
    ["sender", "integrationDevelopers", "Enter the e-mail address of at least one integration developer."],
    ["receiver", "receiverAdmins", "Enter the e-mail address of at least one receiver administrator."],
  ] as const)("reports the missing people of the %s procedure by role (%s)", (keyOwner, field, message) => {
    expect(fieldErrors({ ...base, keyOwner, integrationFlows: "Flow", runtimeNodes: "n1" })[field]).toBe(message);
  });

  it("names the sender system when a sender is on the other side", () => {
    expect(fieldErrors({ ...base, keyOwner: "sender", receiverSystem: " " }).receiverSystem).toBe(
      "Name the sender system.",
    );
  });

  it("refuses an answer it does not know", () => {
    expect(fieldErrors({ ...valid, keyOwner: "router" }).keyOwner).toBe("Say which certificate is being renewed.");
    expect(fieldErrors({ ...valid, caChanges: "perhaps" }).caChanges).toBe(
      "Say whether the new certificate comes from a different CA.",
    );
  });

  it("asks whether the receiver accepts both only for the tenant's own certificate", () => {
    const withoutAnswer: Record<string, unknown> = { ...valid };
    delete withoutAnswer.acceptsBoth;
    expect(fieldErrors(withoutAnswer).acceptsBoth).toBe(
      "Say whether the receiver can accept both certificates at once.",
    );
    expect(
      fieldErrors({
        ...base,
        keyOwner: "receiver",
        receiverAdmins: "ra@p.example",
        runtimeNodes: "n",
        integrationFlows: "f",
      }),
    ).toEqual({});
  });
});
