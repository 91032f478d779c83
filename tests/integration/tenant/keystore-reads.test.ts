import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { CpiSimulator } from "../../support/cpi-simulator";
import { makeCert, DAY } from "../../support/certificates";
import { makeCase } from "../factories";

// Every instance shares the key that seals tenant secrets; the test process is one of them.
process.env.TENANT_SECRET_KEY ??= randomBytes(32).toString("base64");
const { sealSecret } = await import("@/lib/tenant/secret-box");
const { readDueKeystores, readKeystoreNow } = await import("@/lib/tenant/store/keystore-reads");

let sim: CpiSimulator;
beforeAll(async () => {
  sim = await CpiSimulator.start();
});
afterAll(() => sim.close());

async function connectedTenant() {
  const made = await makeCase();
  const key = sim.serviceKey() as { url: string; tokenurl: string; clientid: string; clientsecret: string };
  const tenant = await db().tenantConnection.create({
    data: {
      workspaceId: made.workspaceId,
      name: `Tenant ${made.tag}`,
      apiUrl: key.url,
      tokenUrl: key.tokenurl,
      clientId: key.clientid,
      clientSecretSealed: sealSecret(key.clientsecret),
      createdById: made.owner.id,
      // Not due for the scheduler, unless a test says so.
      keystoreReadAfter: new Date(Date.now() + 365 * DAY),
    },
  });
  return { ...made, tenantId: tenant.id };
}

const expiringMails = (email: string) =>
  db().outgoingMail.count({ where: { toAddress: email, subject: { contains: "expires within" } } });

describe("reading a tenant's keystore", () => {
  it("keeps the entries, tells the owners once per threshold even when two reads run at once", async () => {
    const made = await connectedTenant();
    const soon = await makeCert({
      subject: `CN=Soon ${made.tag}`,
      notBefore: new Date(Date.now() - 300 * DAY),
      notAfter: new Date(Date.now() + 50 * DAY),
    });
    sim.setEntries([{ alias: `soon_${made.tag}`, certificate: soon.der, type: "Key Pair" }]);
    await db().tenantConnection.update({ where: { id: made.tenantId }, data: { keystoreReadAfter: null } });
    // Other tests' tenants are due too (the database is shared): a batch large enough to reach this one.
    await Promise.all([readDueKeystores(new Date(), 10_000), readKeystoreNow(made.owner.id, made.tenantId)]);
    expect(await expiringMails(made.owner.email)).toBe(1);
    await readKeystoreNow(made.owner.id, made.tenantId);
    expect(await expiringMails(made.owner.email)).toBe(1);
    const entry = await db().tenantKeystoreEntry.findUniqueOrThrow({
      where: { tenantId_alias: { tenantId: made.tenantId, alias: `soon_${made.tag}` } },
    });
    expect([entry.subject?.includes(`Soon ${made.tag}`), entry.notifiedDays, entry.changedAt]).toEqual([
      true,
      60,
      null,
    ]);
    // The scheduler claimed the tenant: its next read is a day away.
    const tenant = await db().tenantConnection.findUniqueOrThrow({ where: { id: made.tenantId } });
    expect(tenant.keystoreReadAfter!.getTime()).toBeGreaterThan(Date.now() + 23 * 3_600_000);
  });

  it("records a certificate changed outside any case, and tells the owners again about the new certificate", async () => {
    const made = await connectedTenant();
    const first = await makeCert({ subject: `CN=First ${made.tag}`, notAfter: new Date(Date.now() + 20 * DAY) });
    const second = await makeCert({ subject: `CN=Second ${made.tag}`, notAfter: new Date(Date.now() + 25 * DAY) });
    sim.setEntries([{ alias: `other_${made.tag}`, certificate: first.der, type: "Key Pair" }]);
    await readKeystoreNow(made.owner.id, made.tenantId);
    sim.setEntries([{ alias: `other_${made.tag}`, certificate: second.der, type: "Key Pair" }]);
    await readKeystoreNow(made.owner.id, made.tenantId);
    const changed = await db().auditEvent.findMany({
      where: { workspaceId: made.workspaceId, kind: "tenant.entry_changed" },
      select: { data: true },
    });
    expect(changed).toHaveLength(1);
    expect(changed[0]!.data).toMatchObject({ alias: `other_${made.tag}` });
    expect(await expiringMails(made.owner.email)).toBe(2);
  });

  it("a tenant that cannot be read keeps its entries and says why; only owners may ask", async () => {
    const made = await connectedTenant();
    const cert = await makeCert({ subject: `CN=Kept ${made.tag}` });
    sim.setEntries([{ alias: `kept_${made.tag}`, certificate: cert.der, type: "Key Pair" }]);
    await readKeystoreNow(made.owner.id, made.tenantId);
    sim.setFault({ on: "token", status: 401 });
    const answer = await readKeystoreNow(made.owner.id, made.tenantId);
    sim.setFault(undefined);
    expect("failure" in answer && answer.failure).toMatch(/./);
    expect(await db().tenantKeystoreEntry.count({ where: { tenantId: made.tenantId } })).toBe(1);
    const tenant = await db().tenantConnection.findUniqueOrThrow({ where: { id: made.tenantId } });
    expect(tenant.keystoreReadFailure).toBe((answer as { failure: string }).failure);
    await expect(readKeystoreNow(made.tenantAdmin.id, made.tenantId)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
