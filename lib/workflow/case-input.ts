import { z } from "zod";
import { labelText, listOf, nameListField } from "@/lib/actions/fields";
import type { Role } from "./roles";

function emailList(roleLabel: string) {
  return z
    .string({ error: `Enter the e-mail address of at least one ${roleLabel}.` })
    .transform((text) => listOf(text.replace(/\s+/g, ",")).map((email) => email.toLowerCase()))
    .pipe(
      z
        .array(z.email({ error: (issue) => `"${String(issue.input)}" is not a valid e-mail address.` }).max(254))
        .min(1, `Enter the e-mail address of at least one ${roleLabel}.`)
        .max(10, `Name at most 10 people per role.`)
        .transform((emails) => [...new Set(emails)]),
    );
}

export const caseInputSchema = z.object({
  workspaceId: z.string({ error: "Choose a workspace." }).min(1, "Choose a workspace."),
  title: labelText("The title", 3, 120, "Give the case a title."),
  receiverSystem: labelText("The receiver system's name", 1, 120, "Name the receiver system."),
  acceptsBoth: z.enum(["yes", "no"], { error: "Say whether the receiver can accept both certificates at once." }),
  operatingModel: z.enum(["CUSTOMER_MANAGED", "SAP_MANAGED"], { error: "Choose the operating model." }),
  receiverLandscape: z
    .enum(["GENERIC_HTTPS", "SAP_WEB_DISPATCHER_ABAP", "CUSTOM"], { error: "Choose the receiver landscape." })
    .default("GENERIC_HTTPS"),
  keystoreAlias: z
    .string({ error: "Enter the keystore alias." })
    .trim()
    .min(1, "Enter the keystore alias.")
    .max(100, "The alias can be at most 100 characters.")
    .regex(/^[A-Za-z0-9._@-]+$/, "An alias may contain letters, digits, dot, underscore, @ and hyphen, and no spaces."),
  runtimeNodes: nameListField("runtime node", { required: true }),
  integrationFlows: nameListField("integration flow", { required: true }),
  /** A connected integration tenant whose keystore the keystore step is checked against (optional). */
  tenantId: z
    .string()
    .max(40)
    .optional()
    .transform((value) => value || undefined),
  tenantAdmins: emailList("tenant administrator"),
  receiverAdmins: emailList("receiver administrator"),
  integrationDevelopers: emailList("integration developer"),
});

export type CaseInput = z.output<typeof caseInputSchema>;

/** Every (e-mail, role) pair of a new case. One person may hold several roles. */
export function participantsOf(input: CaseInput): { email: string; role: Role }[] {
  return [
    ...input.tenantAdmins.map((email) => ({ email, role: "TENANT_ADMIN" as const })),
    ...input.receiverAdmins.map((email) => ({ email, role: "RECEIVER_ADMIN" as const })),
    ...input.integrationDevelopers.map((email) => ({ email, role: "INTEGRATION_DEVELOPER" as const })),
  ];
}
