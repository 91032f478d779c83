import { z } from "zod";
import { labelText, listOf, nameListField } from "@/lib/actions/fields";
import { ROLE_FIELD, ROLE_LABEL, ROLES, type Role } from "./roles";
import { rolesOf, workflowFor, type ProcedureId } from "./definitions";
import { procedureForFields, proposeProcedure } from "./proposal";

function emailList(roleLabel: string) {
  return z
    .string({ error: `Enter the e-mail address of at least one ${roleLabel}.` })
    .transform((text) => listOf(text.replace(/\s+/g, ",")).map((email) => email.toLowerCase()))
    .pipe(
      z
        .array(z.email({ error: (issue) => `"${String(issue.input)}" is not a valid e-mail address.` }).max(254))
        .max(10, `Name at most 10 people per role.`)
        .transform((emails) => [...new Set(emails)]),
    )
    .optional();
}

/** An empty field of the form counts as not given (fields a procedure does not use are not shown at all). */
const blankAsMissing = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const aliasField = z.preprocess(
  blankAsMissing,
  z
    .string()
    .trim()
    .min(1, "Enter the keystore alias.")
    .max(100, "The alias can be at most 100 characters.")
    .regex(/^[A-Za-z0-9._@-]+$/, "An alias may contain letters, digits, dot, underscore, @ and hyphen, and no spaces.")
    .optional(),
);

const roleFields = Object.fromEntries(
  ROLES.map((role) => [ROLE_FIELD[role], emailList(ROLE_LABEL[role].toLowerCase())]),
) as Record<(typeof ROLE_FIELD)[Role], ReturnType<typeof emailList>>;

/**
 * A new case: what is renewed (which decides the procedure, see ./proposal.ts), the connection and the people of each
 * role the procedure needs. The form preselects the most common answers (the tenant's own certificate, from a new
 * CA), so they default here too. Every missing piece is reported in one round.
 */
export const caseInputSchema = z
  .object({
    workspaceId: z.string({ error: "Choose a workspace." }).min(1, "Choose a workspace."),
    title: labelText("The title", 3, 120, "Give the case a title."),
    keyOwner: z
      .enum(["tenant", "receiver", "load-balancer", "sender"], { error: "Say which certificate is being renewed." })
      .default("tenant"),
    caChanges: z
      .enum(["yes", "no"], { error: "Say whether the new certificate comes from a different CA." })
      .default("yes"),
    acceptsBoth: z
      .enum(["yes", "no"], { error: "Say whether the receiver can accept both certificates at once." })
      .optional(),
    /** The receiver the tenant calls, or the sender that calls it (the message says which, below). */
    receiverSystem: z.preprocess(blankAsMissing, labelText("The system's name", 1, 120).optional()),
    operatingModel: z.enum(["CUSTOMER_MANAGED", "SAP_MANAGED"], { error: "Choose the operating model." }),
    receiverLandscape: z
      .enum(["GENERIC_HTTPS", "SAP_WEB_DISPATCHER_ABAP", "CUSTOM"], { error: "Choose the receiver landscape." })
      .default("GENERIC_HTTPS"),
    keystoreAlias: aliasField,
    runtimeNodes: z.preprocess(blankAsMissing, nameListField("runtime node", { required: true }).optional()),
    integrationFlows: z.preprocess(blankAsMissing, nameListField("integration flow", { required: true }).optional()),
    /** A connected integration tenant whose keystore the keystore step is checked against (optional). */
    tenantId: z
      .string()
      .max(40)
      .optional()
      .transform((value) => value || undefined),
    ...roleFields,
  })
  // `when` makes the check run even when other fields failed, so the person sees every problem in one round.
  .superRefine(
    (input, context) => {
      const missing = (path: string, message: string) => context.addIssue({ code: "custom", path: [path], message });
      if (input.keyOwner === "tenant" && !input.acceptsBoth)
        missing("acceptsBoth", "Say whether the receiver can accept both certificates at once.");
      const procedure = procedureForFields(input);
      if (!procedure) return;
      const definition = workflowFor(procedure);
      if (input.receiverSystem === undefined) missing("receiverSystem", `Name the ${definition.peer} system.`);
      // A field that failed its own check already has its message; only absent or empty ones are reported here.
      const absent = (value: unknown) => value === undefined || (Array.isArray(value) && value.length === 0);
      if (definition.usesKeystoreAlias && absent(input.keystoreAlias))
        missing("keystoreAlias", "Enter the keystore alias.");
      if (definition.usesFlows && absent(input.integrationFlows))
        missing("integrationFlows", "Enter at least one integration flow.");
      if (definition.usesFlows && definition.peer === "receiver" && absent(input.runtimeNodes))
        missing("runtimeNodes", "Enter at least one runtime node.");
      for (const role of rolesOf(definition)) {
        if (absent(input[ROLE_FIELD[role] as keyof typeof input]))
          missing(ROLE_FIELD[role], `Enter the e-mail address of at least one ${ROLE_LABEL[role].toLowerCase()}.`);
      }
    },
    { when: () => true },
  )
  .transform((input) => {
    const procedure = proposeProcedure(input)!;
    const definition = workflowFor(procedure);
    const roles = new Set(rolesOf(definition));
    return {
      ...input,
      receiverSystem: input.receiverSystem!,
      procedure,
      keystoreAlias: definition.usesKeystoreAlias ? input.keystoreAlias! : null,
      // A tenant is checked at the keystore step; a procedure without one keeps no tenant.
      tenantId: definition.usesKeystoreAlias ? input.tenantId : undefined,
      integrationFlows: definition.usesFlows ? (input.integrationFlows ?? []) : [],
      runtimeNodes: definition.usesFlows ? (input.runtimeNodes ?? []) : [],
      /** Only the roles the procedure needs: a field left over from another choice names nobody. */
      people: ROLES.filter((role) => roles.has(role)).map((role) => ({
        role,
        emails: (input[ROLE_FIELD[role] as keyof typeof input] as string[] | undefined) ?? [],
      })),
    };
  });

export type CaseInput = z.output<typeof caseInputSchema>;
export type { ProcedureId };

/** Every (e-mail, role) pair of a new case. One person may hold several roles. */
export function participantsOf(input: Pick<CaseInput, "people">): { email: string; role: Role }[] {
  return input.people.flatMap(({ role, emails }) => emails.map((email) => ({ email, role })));
}
