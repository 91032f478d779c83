/** What every server action returns to its form. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | { ok: false; code: string; message: string; fieldErrors?: Record<string, string> };

export const idle: ActionResult<never> | null = null;
