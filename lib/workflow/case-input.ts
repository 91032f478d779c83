import { z } from "zod";
import { labelText } from "@/lib/actions/fields";
import type { Role } from "./roles";

/** Splits a textarea or comma list into trimmed, non-empty entries. */
function listOf(text: string): string[] {
  return text
    .split(/[\n,;]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}

function nameList(what: string) {
  return z
    .string({ error: `Enter at least one ${what}.` })
    .transform(listOf)
    .pipe(
      z
        .array(z.string().max(100, `Each ${what} can be at most 100 characters.`))
        .min(1, `Enter at least one ${what}.`)
        .max(50, `Enter at most 50 ${what}s.`)
        .refine((names) => new Set(names.map((name) => name.toLowerCase())).size === names.length, `Each ${what} may appear only once.`),
    );
}

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
  runtimeNodes: nameList("runtime node"),
  integrationFlows: nameList("integration flow"),
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
