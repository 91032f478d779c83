import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/store/record";
import { createCpiClient, TenantError, type CpiClient } from "@/lib/tenant/cpi-client";
import { clientFor, TENANT_TIMEOUT_MS } from "@/lib/tenant/connection-client";
import { sealSecret, SecretBoxError } from "@/lib/tenant/secret-box";
import { parseServiceKey } from "@/lib/tenant/service-key";

/** Tenants are the owners' business: connecting, testing and reading them. */
export async function requireOwner(actorId: string, workspaceId: string): Promise<void> {
  const membership = await db().membership.findUnique({
    where: { workspaceId_userId: { workspaceId, userId: actorId } },
    select: { role: true },
  });
  if (membership?.role !== "OWNER")
    throw new AppError("FORBIDDEN", "Only the workspace's owners connect integration tenants.");
}

/** Reads the keystore once: the test of a connection. Null when it answered, else what went wrong in words. */
async function testRead(client: () => CpiClient): Promise<{ code: string; message: string } | null> {
  try {
    await client().listKeystoreEntries();
    return null;
  } catch (error) {
    if (error instanceof TenantError || error instanceof SecretBoxError)
      return { code: error.code, message: error.message };
    throw error;
  }
}

/**
 * An owner adds a tenant from the service key of an `api`-plan instance. The key is tested first (a token, then
 * the keystore): nothing is stored unless the tenant answered. The secret is stored sealed and never shown again.
 */
export async function addTenantConnection(actorId: string, workspaceId: string, name: string, serviceKeyText: string) {
  await requireOwner(actorId, workspaceId);
  let json: unknown;
  try {
    json = JSON.parse(serviceKeyText);
  } catch {
    throw new AppError(
      "VALIDATION_FAILED",
      "The service key is not JSON. Paste it exactly as the BTP cockpit shows it.",
      {
        serviceKey: ["The service key is not JSON. Paste it exactly as the BTP cockpit shows it."],
      },
    );
  }
  const parsed = parseServiceKey(json);
  if (!parsed.ok) throw new AppError("VALIDATION_FAILED", parsed.errors.join(" "), { serviceKey: parsed.errors });
  const key = parsed.key;
  const failure = await testRead(() => createCpiClient(key, { timeoutMs: TENANT_TIMEOUT_MS }));
  if (failure)
    throw new AppError("TENANT_UNREACHABLE", `Nothing was saved: ${failure.message}`, {
      serviceKey: [failure.message],
    });
  const sealed = sealedOrExplained(key.clientSecret);
  return db().$transaction(async (tx) => {
    const taken = await tx.tenantConnection.findUnique({ where: { workspaceId_name: { workspaceId, name } } });
    if (taken)
      throw new AppError("CONFLICT", `This workspace already has a tenant named “${name}”.`, {
        name: [`This workspace already has a tenant named “${name}”.`],
      });
    const connection = await tx.tenantConnection.create({
      data: {
        workspaceId,
        name,
        apiUrl: key.url,
        tokenUrl: key.tokenUrl,
        clientId: key.clientId,
        clientSecretSealed: sealed,
        createdById: actorId,
        testedAt: new Date(),
      },
      select: { id: true },
    });
    await recordAudit(tx, [
      { workspaceId, kind: "tenant.connected", actorId, channel: "WEB", data: { name, apiUrl: key.url } },
    ]);
    return { tenantId: connection.id };
  });
}

function sealedOrExplained(secret: string): string {
  try {
    return sealSecret(secret);
  } catch (error) {
    if (error instanceof SecretBoxError)
      throw new AppError("TENANT_KEY_MISSING", `Nothing was saved: ${error.message}`);
    throw error;
  }
}

/** "Test connection": reads the keystore now and records when and with what result. */
export async function testTenantConnection(actorId: string, tenantId: string) {
  const connection = await db().tenantConnection.findUnique({ where: { id: tenantId } });
  if (!connection) throw new AppError("NOT_FOUND", "This tenant connection does not exist.");
  await requireOwner(actorId, connection.workspaceId);
  const failure = await testRead(() => clientFor(connection));
  await db().$transaction(async (tx) => {
    await tx.tenantConnection.update({
      where: { id: tenantId },
      data: { testedAt: new Date(), testFailure: failure?.message ?? null },
    });
    await recordAudit(tx, [
      {
        workspaceId: connection.workspaceId,
        kind: "tenant.tested",
        actorId,
        channel: "WEB",
        data: { name: connection.name, ...(failure ? { failure: failure.message } : {}) },
      },
    ]);
  });
  return { ok: failure === null, message: failure?.message ?? null };
}
