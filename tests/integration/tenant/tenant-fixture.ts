/** A simulated tenant holding a client certificate with its chain, a lone root CA and two deployed flows. */
import { type CpiClient, TenantError, createCpiClient } from "@/lib/tenant/cpi-client";
import { type ServiceKey, parseServiceKey } from "@/lib/tenant/service-key";
import { type Chain, makeChain } from "../../support/certificates";
import { CpiSimulator, type SimulatedArtifact } from "../../support/cpi-simulator";

export const CLIENT_ALIAS = "renewal client";
/** The reference's computed example (§2.1): a non-ASCII letter and a "/". */
export const ROOT_ALIAS = "Zertifikat ä/1";
export const ROOT_HEX_ALIAS = "5A6572746966696B617420C3A42F31";

export const ARTIFACTS: SimulatedArtifact[] = [
  {
    id: "Orders_To_Partner",
    name: "Orders to partner",
    version: "1.0.3",
    status: "STARTED",
    deployedBy: "developer@demo.test",
    deployedOn: new Date("2026-05-20T09:30:00.123Z"),
  },
  {
    id: "Invoices_To_Partner",
    name: "Invoices to partner",
    version: "2.1.0",
    status: "ERROR",
    deployedBy: "developer@demo.test",
    deployedOn: new Date("2026-05-21T16:05:42.000Z"),
  },
];

export interface Tenant {
  sim: CpiSimulator;
  chain: Chain;
  key: ServiceKey;
  client(timeoutMs?: number): CpiClient;
}

export async function startTenant(): Promise<Tenant> {
  const sim = await CpiSimulator.start();
  const chain = await makeChain("p256", "Tenant");
  const parsed = parseServiceKey(JSON.stringify(sim.serviceKey()));
  if (!parsed.ok) throw new Error(parsed.errors.join("; "));
  return { sim, chain, key: parsed.key, client: (timeoutMs = 5000) => createCpiClient(parsed.key, { timeoutMs }) };
}

/** The state every test starts from. */
export function resetTenant({ sim, chain, key }: Tenant): void {
  sim.requests.length = 0;
  sim.setCredentials({ clientId: key.clientId, clientSecret: key.clientSecret });
  sim.setStyle({});
  sim.setDelay(0);
  sim.setFault(undefined);
  sim.grantRoles(["MonitoringDataRead"]);
  sim.revokeTokens();
  sim.setEntries([
    {
      alias: CLIENT_ALIAS,
      type: "Key Pair",
      certificate: chain.leaf.der,
      chain: [chain.leaf.der, chain.intermediate.der, chain.root.der],
    },
    { alias: ROOT_ALIAS, type: "Certificate", certificate: chain.root.der },
  ]);
  sim.setArtifacts(ARTIFACTS);
}

/** The code, status and message of the TenantError a call fails with. */
export async function failureOf(
  call: Promise<unknown>,
): Promise<{ code: string; status: number | undefined; message: string }> {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof TenantError)) throw error;
    return { code: error.code, status: error.status, message: error.message };
  }
  throw new Error("the call succeeded");
}
