"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { secondaryButtonClass } from "@/components/ui/field";

type TenantAction = (
  previous: ActionResult<{ said: string }> | null,
  form: FormData,
) => Promise<ActionResult<{ said: string }>>;

/** A button that asks something of a connected tenant and says, next to itself, what came of it. */
export function TenantButton(props: {
  action: TenantAction;
  tenantId: string;
  label: string;
  busyLabel: string;
  accessibleName: string;
}) {
  const [state, action, pending] = useActionState(props.action, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="tenantId" value={props.tenantId} />
      <button type="submit" className={secondaryButtonClass} disabled={pending} aria-label={props.accessibleName}>
        {pending ? props.busyLabel : props.label}
      </button>
      <span role="status" className="text-sm">
        {state ? (state.ok ? state.data.said : state.message) : null}
      </span>
    </form>
  );
}
