import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { requireUser, type SignedInUser } from "@/lib/auth/session";
import type { ActionResult } from "./result";

function formToObject(form: FormData): Record<string, string> {
  const object: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string" && !key.startsWith("$ACTION")) object[key] = value;
  return object;
}

/**
 * The one path every server action takes: parse the input with zod, load the session, then run the handler,
 * which authorizes against the resource before it changes anything. Expected failures come back as a code and a
 * plain message; anything else is logged under a reference that the user sees instead of details.
 */
export async function runAction<Schema extends z.ZodType, T>(
  schema: Schema,
  form: FormData,
  handler: (input: z.output<Schema>, user: SignedInUser, form: FormData) => Promise<T>,
): Promise<ActionResult<T>> {
  const values = formToObject(form);
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? "form")] ??= issue.message;
    return { ok: false, code: "VALIDATION_FAILED", message: "Some fields need attention. Nothing was saved.", fieldErrors, values };
  }
  try {
    const user = await requireUser();
    return { ok: true, data: await handler(parsed.data, user, form) };
  } catch (error) {
    if (error instanceof AppError) {
      const fieldErrors = error.fieldErrors ? Object.fromEntries(Object.entries(error.fieldErrors).map(([field, messages]) => [field, messages.join(" ")])) : undefined;
      return { ok: false, code: error.code, message: error.message, values, ...(fieldErrors ? { fieldErrors } : {}) };
    }
    // redirect() and notFound() signal through exceptions that Next.js must see.
    if (error instanceof Error && "digest" in error && typeof error.digest === "string" && error.digest.startsWith("NEXT_")) throw error;
    const reference = randomUUID().slice(0, 8);
    console.error(`[action] unexpected failure, reference ${reference}:`, error instanceof Error ? `${error.name}: ${error.message}` : "non-error thrown");
    return { ok: false, code: "UNEXPECTED", message: `Something went wrong on our side and nothing was saved. Reference: ${reference}.`, values };
  }
}
