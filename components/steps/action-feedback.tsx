import type { ActionResult } from "@/lib/actions/result";
import { Notice } from "@/components/ui/notice";

/** The result of a step form: its error in plain words, or nothing. */
export function ActionFeedback({ state }: { state: ActionResult<unknown> | null }) {
  if (!state || state.ok) return null;
  const fields = Object.values(state.fieldErrors ?? {});
  return (
    <Notice tone="error">
      {state.message}
      {fields.length > 0 && !fields.includes(state.message) ? <span className="block">{fields.join(" ")}</span> : null}
    </Notice>
  );
}
