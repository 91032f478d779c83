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
