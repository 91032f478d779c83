import "server-only";
import { db } from "@/lib/db";

/** A workspace's tenants as its pages show them: never the secret. */
export async function tenantsOfWorkspace(workspaceId: string) {
  return db().tenantConnection.findMany({
    where: { workspaceId },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      apiUrl: true,
      clientId: true,
      createdAt: true,
      testedAt: true,
      testFailure: true,
      keystoreReadAt: true,
      keystoreReadFailure: true,
    },
  });
}
