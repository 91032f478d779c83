import type { ActionResult } from "@/lib/actions/result";
import { Notice } from "./notice";

/** The error a failed form action gave for one field, if any. */
export function fieldError(state: ActionResult<unknown> | null, field: string): string | undefined {
  return state && !state.ok ? state.fieldErrors?.[field] : undefined;
}

/**
 * The top of a form after a failed submission: the summary, and the problems that belong to no field shown below
 * (each field shows its own next to it, so every problem is reported at once and in its place).
 */
export function FormProblems({ state, fields }: { state: ActionResult<unknown> | null; fields: readonly string[] }) {
  if (!state || state.ok) return null;
  const fieldErrors = state.fieldErrors ?? {};
  const elsewhere = Object.entries(fieldErrors)
    .filter(([field, message]) => !fields.includes(field) && message !== state.message)
    .map(([, message]) => message);
  // A message that a field shows itself is not repeated at the top (it would be read out twice).
  const shownAtField = Object.entries(fieldErrors).some(
    ([field, message]) => fields.includes(field) && message === state.message,
  );
  return (
    <Notice tone="error">
      {shownAtField ? "Nothing was saved: see the message at the field." : state.message}
      {elsewhere.length > 0 ? <span className="block">{elsewhere.join(" ")}</span> : null}
    </Notice>
  );
}
