import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { requireUser, type SignedInUser } from "@/lib/auth/session";
import { carriesKeyMaterial } from "./fields";
import type { ActionResult } from "./result";

function formToObject(form: FormData): Record<string, string> {
  const object: Record<string, string> = {};
  for (const [key, value] of form.entries())
    if (typeof value === "string" && !key.startsWith("$ACTION")) object[key] = value;
  return object;
}

/**
 * What a failed form gets back to show again: only the fields it names, and never one that carries key or
 * certificate material (a private key pasted by mistake must not travel back to the browser).
 */
function echoed(values: Record<string, string>, fields: readonly string[]): Record<string, string> | undefined {
  const kept = fields.flatMap((field) => {
    const value = values[field];
    return value === undefined || carriesKeyMaterial(value) ? [] : [[field, value.slice(0, 4000)] as const];
  });
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}

export interface ActionOptions {
  /** The fields a failed form refills (see `echoed`). None by default. */
  echo?: readonly string[];
  /**
   * Checks of fields the schema cannot see (uploaded files), run also when the schema fails, so that a form reports
   * every problem at once rather than in rounds.
   */
  alsoCheck?: (form: FormData) => Promise<Record<string, string> | undefined>;
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
  options: ActionOptions = {},
): Promise<ActionResult<T>> {
  const all = formToObject(form);
  const values = echoed(all, options.echo ?? []);
  const parsed = schema.safeParse(all);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = { ...(await options.alsoCheck?.(form)) };
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? "form")] ??= issue.message;
    return {
      ok: false,
      code: "VALIDATION_FAILED",
      message: "Some fields need attention. Nothing was saved.",
      fieldErrors,
      ...(values ? { values } : {}),
    };
  }
  try {
    const user = await requireUser();
    return { ok: true, data: await handler(parsed.data, user, form) };
  } catch (error) {
    if (error instanceof AppError) {
      const fieldErrors = error.fieldErrors
        ? Object.fromEntries(Object.entries(error.fieldErrors).map(([field, messages]) => [field, messages.join(" ")]))
        : undefined;
      return {
        ok: false,
        code: error.code,
        message: error.message,
        ...(values ? { values } : {}),
        ...(fieldErrors ? { fieldErrors } : {}),
      };
    }
    // redirect() and notFound() signal through exceptions that Next.js must see.
    if (
      error instanceof Error &&
      "digest" in error &&
      typeof error.digest === "string" &&
      error.digest.startsWith("NEXT_")
    )
      throw error;
    const reference = randomUUID().slice(0, 8);
    console.error(
      `[action] unexpected failure, reference ${reference}:`,
      error instanceof Error ? `${error.name}: ${error.message}` : "non-error thrown",
    );
    return {
      ok: false,
      code: "UNEXPECTED",
      message: `Something went wrong on our side and nothing was saved. Reference: ${reference}.`,
      ...(values ? { values } : {}),
    };
  }
}
