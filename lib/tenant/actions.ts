"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import type { ActionResult } from "@/lib/actions/result";
import { labelText } from "@/lib/actions/fields";
import { addTenantConnection, testTenantConnection } from "@/lib/tenant/store/connections";
import { readKeystoreNow } from "@/lib/tenant/store/keystore-reads";

const id = z.string().min(1).max(40);

const addSchema = z.object({
  workspaceId: id,
  name: labelText("The tenant's name", 2, 80),
  serviceKey: z.string().trim().min(2, "Paste the service key.").max(20_000, "This is too long for a service key."),
});

/** Adds a tenant from a pasted service key (owners only, checked in the store); the secret is never echoed. */
export async function addTenantAction(_previous: ActionResult<{ tenantId: string }> | null, form: FormData) {
  const result = await runAction(
    addSchema,
    form,
    (input, user) => addTenantConnection(user.id, input.workspaceId, input.name, input.serviceKey),
    { echo: ["name"] },
  );
  if (result.ok) revalidatePath("/tenants");
  return result;
}

const testSchema = z.object({ tenantId: id });

/** "Test connection": what the tenant answered, in words. */
export async function testTenantAction(_previous: ActionResult<{ said: string }> | null, form: FormData) {
  const result = await runAction(testSchema, form, async (input, user) => {
    const tested = await testTenantConnection(user.id, input.tenantId);
    return { said: tested.ok ? "It answered." : (tested.message ?? "") };
  });
  if (result.ok) revalidatePath("/tenants");
  return result;
}

/** "Read the keystore now": the scheduled read, on demand (owners only, checked in the store). */
export async function readKeystoreNowAction(_previous: ActionResult<{ said: string }> | null, form: FormData) {
  const result = await runAction(testSchema, form, async (input, user) => {
    const read = await readKeystoreNow(user.id, input.tenantId);
    return {
      said: "failure" in read ? read.failure : `${read.entries} entr${read.entries === 1 ? "y" : "ies"} read.`,
    };
  });
  if (result.ok) {
    revalidatePath("/tenants");
    revalidatePath("/overview");
  }
  return result;
}
