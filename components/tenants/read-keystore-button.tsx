"use client";

import { useActionState } from "react";
import { readKeystoreNowAction } from "@/lib/tenant/actions";
import { secondaryButtonClass } from "@/components/ui/field";

export function ReadKeystoreButton({ tenantId, name }: { tenantId: string; name: string }) {
  const [state, action, pending] = useActionState(readKeystoreNowAction, null);
  const said = !state
    ? null
    : !state.ok
      ? state.message
      : "failure" in state.data
        ? state.data.failure
        : `${state.data.entries} entr${state.data.entries === 1 ? "y" : "ies"} read.`;
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="tenantId" value={tenantId} />
      <button
        type="submit"
        className={secondaryButtonClass}
        disabled={pending}
        aria-label={`Read the keystore of ${name} now`}
      >
        {pending ? "Reading…" : "Read the keystore now"}
      </button>
      <span role="status" className="text-sm">
        {said}
      </span>
    </form>
  );
}
