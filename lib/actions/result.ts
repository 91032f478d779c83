/** What every server action returns to its form. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | {
      ok: false;
      code: string;
      message: string;
      fieldErrors?: Record<string, string>;
      /** What was submitted, so the form can show it again (React resets a form after its action). */
      values?: Record<string, string>;
    };

/** The submitted values of a failed action, or none. */
export function submittedValues(state: ActionResult<unknown> | null): Record<string, string> {
  return state && !state.ok ? (state.values ?? {}) : {};
}
