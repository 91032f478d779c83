import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { renewalSource } from "@/lib/workflow/queries/renewal-source";
import { tenantEntrySource } from "@/lib/tenant/queries/entries";
import { makeCase, uploadNewCertificates } from "../factories";

/** "Start a renewal" from a certificate in use proposes the procedure that fits it. */
describe("a renewal started from a certificate in use", () => {
  it("proposes the procedure its case ran, with that procedure's people", async () => {
    const made = await makeCase({ procedure: "RECEIVER_SERVER" });
    await uploadNewCertificates(made.caseId, made.receiverAdmin.id, "server");
    const leaf = await db().storedCertificate.findFirstOrThrow({ where: { caseId: made.caseId, role: "leaf" } });
    const source = await renewalSource(made.owner.id, leaf.id);
    expect(source.values).toMatchObject({
      keyOwner: "receiver",
      receiverAdmins: made.receiverAdmin.email,
      tenantAdmins: made.tenantAdmin.email,
      keystoreAlias: "",
    });
    expect(source.values.senderAdmins).toBe("");
  });

  it("proposes the tenant's own certificate for a key pair and a receiver's for a trusted certificate", async () => {
    const made = await makeCase();
    const tenant = await db().tenantConnection.create({
      data: {
        workspaceId: made.workspaceId,
        name: `Tenant ${made.tag}`,
        apiUrl: "https://tenant.invalid",
        tokenUrl: "https://tenant.invalid/oauth/token",
        clientId: "client",
        clientSecretSealed: "v1:00000000:not:a:secret",
        createdById: made.owner.id,
      },
    });
    const entry = (alias: string, type: string) =>
      db().tenantKeystoreEntry.create({
        data: { tenantId: tenant.id, alias, type, subject: `CN=${alias}`, lastSeenAt: new Date() },
      });
    const keyPair = await entry("orders_client", "Key Pair");
    const trusted = await entry("partner_root", "Certificate");
    expect((await tenantEntrySource(made.owner.id, keyPair.id)).values).toMatchObject({
      keyOwner: "tenant",
      keystoreAlias: "orders_client",
    });
    expect((await tenantEntrySource(made.owner.id, trusted.id)).values).toMatchObject({ keyOwner: "receiver" });
  });
});
