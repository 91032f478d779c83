import "server-only";
import { db } from "@/lib/db";
import { clientFor } from "@/lib/tenant/connection-client";
import { TenantError } from "@/lib/tenant/cpi-client";
import { SecretBoxError } from "@/lib/tenant/secret-box";

export type DeployedFlows =
  { tenant: string; flows: { id: string; name: string }[] } | { tenant: string; failure: string };

/**
 * The integration flows deployed on the case's tenant that the case does not list yet, read from the tenant when
 * the person asks (the case page never waits for a tenant otherwise). Null when the case has no tenant. The caller
 * has checked access to the case.
 */
export async function deployedFlowsForCase(caseId: string): Promise<DeployedFlows | null> {
  const found = await db().case.findUnique({ where: { id: caseId }, select: { integrationFlows: true, tenant: true } });
  if (!found?.tenant) return null;
  try {
    const artifacts = await clientFor(found.tenant).listRuntimeArtifacts();
    const known = new Set(found.integrationFlows.map((flow) => flow.toLowerCase()));
    const flows = artifacts
      // Type is documented only as INTEGRATION_FLOW; an answer without it is taken as one.
      .filter((artifact) => artifact.type === null || artifact.type === "INTEGRATION_FLOW")
      .map((artifact) => ({ id: artifact.id, name: artifact.name ?? artifact.id }))
      .filter((flow) => !known.has(flow.name.toLowerCase()))
      .sort((left, right) => left.name.localeCompare(right.name));
    return { tenant: found.tenant.name, flows };
  } catch (error) {
    if (error instanceof TenantError || error instanceof SecretBoxError)
      return { tenant: found.tenant.name, failure: error.message };
    throw error;
  }
}
