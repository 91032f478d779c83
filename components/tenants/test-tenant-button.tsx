"use client";

import { useActionState } from "react";
import { testTenantAction } from "@/lib/tenant/actions";
import { secondaryButtonClass } from "@/components/ui/field";

export function TestTenantButton({ tenantId, name }: { tenantId: string; name: string }) {
  const [state, action, pending] = useActionState(testTenantAction, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="tenantId" value={tenantId} />
      <button
        type="submit"
        className={secondaryButtonClass}
        disabled={pending}
        aria-label={`Test connection to ${name}`}
      >
        {pending ? "Testing…" : "Test connection"}
      </button>
      <span role="status" className="text-sm">
        {state?.ok ? (state.data.ok ? "It answered." : state.data.message) : state && !state.ok ? state.message : null}
      </span>
    </form>
  );
}
