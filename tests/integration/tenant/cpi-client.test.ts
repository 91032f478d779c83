import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { toDer } from "@/lib/certificates";
import { createCpiClient } from "@/lib/tenant/cpi-client";
import { parseServiceKey } from "@/lib/tenant/service-key";
import {
  ARTIFACTS,
  CLIENT_ALIAS,
  ROOT_ALIAS,
  ROOT_HEX_ALIAS,
  type Tenant,
  resetTenant,
  startTenant,
} from "./tenant-fixture";

let tenant: Tenant;
beforeAll(async () => {
  tenant = await startTenant();
});
afterAll(() => tenant.sim.close());
beforeEach(() => resetTenant(tenant));

const sha256 = (der: Uint8Array) =>
  (createHash("sha256").update(der).digest("hex").toUpperCase().match(/../g) ?? []).join(":");
const apiRequests = () => tenant.sim.requests.filter((r) => r.path.startsWith("/api/v1"));

describe("token", () => {
  it("is requested with client credentials as HTTP Basic and grant_type in the query, and the tenant accepts it", async () => {
    const client = tenant.client();
    const token = await client.accessToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tenant.sim.requests).toEqual([
      {
        method: "POST",
        path: "/oauth/token",
        query: { grant_type: "client_credentials" },
        authorization: "basic",
        accept: "application/json",
        contentType: undefined,
      },
    ]);
    const answer = await fetch(`${tenant.sim.url}/api/v1/KeystoreEntries?$format=json`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(answer.status).toBe(200);
  });

  it("is requested once for several calls, also when the first ones start at the same time", async () => {
    const client = tenant.client();
    await Promise.all([
      client.downloadCertificate(CLIENT_ALIAS),
      client.downloadCertificateChain(CLIENT_ALIAS),
      client.listRuntimeArtifacts(),
    ]);
    await client.listKeystoreEntries();
    await client.getKeystoreEntry(CLIENT_ALIAS);
    expect(tenant.sim.tokenRequestCount()).toBe(1);
    expect(apiRequests().map((r) => r.authorization)).toEqual(["bearer", "bearer", "bearer", "bearer", "bearer"]);
  });

  it("is renewed when it is about to expire", async () => {
    tenant.sim.setStyle({ tokenLifetimeSeconds: 30 }); // within the minute before expiry in which a token is renewed
    const client = tenant.client();
    await client.listKeystoreEntries();
    await client.listKeystoreEntries();
    expect(tenant.sim.tokenRequestCount()).toBe(2);
  });

  it("is replaced once when the tenant refuses a cached one, and the call succeeds", async () => {
    const client = tenant.client();
    await client.listKeystoreEntries();
    tenant.sim.revokeTokens();
    const entries = await client.listKeystoreEntries();
    expect(entries.map((e) => e.alias)).toEqual([CLIENT_ALIAS, ROOT_ALIAS]);
    expect(tenant.sim.tokenRequestCount()).toBe(2);
    expect(apiRequests()).toHaveLength(3);
  });

  it("works with a service key whose fields are inside an oauth object", async () => {
    const parsed = parseServiceKey(JSON.stringify(tenant.sim.serviceKey("oauth")));
    expect(parsed).toEqual({ ok: true, key: tenant.key });
    if (!parsed.ok) return;
    expect((await createCpiClient(parsed.key, { timeoutMs: 5000 }).getKeystoreEntry(ROOT_ALIAS)).alias).toBe(
      ROOT_ALIAS,
    );
  });
});

describe("keystore entries", () => {
  it("are listed from a {d:{results:[…]}} collection with their fields and /Date(ms)/ dates", async () => {
    const entries = await tenant.client().listKeystoreEntries();
    const { leaf, root } = tenant.chain;
    expect(entries).toEqual([
      {
        alias: CLIENT_ALIAS,
        hexAlias: "72656E6577616C20636C69656E74",
        type: "Key Pair",
        keyType: "EC",
        keySize: 256,
        subjectDN: "CN=Tenant client, O=Customer",
        issuerDN: "CN=Tenant Issuing CA, O=Renewal Desk Tests",
        serialNumber: `0x${BigInt(`0x${leaf.cert.serialNumber}`).toString(16).toUpperCase()}`,
        signatureAlgorithm: "SHA256withECDSA",
        validNotBefore: leaf.cert.notBefore,
        validNotAfter: leaf.cert.notAfter,
        fingerprintSha256: sha256(leaf.der),
        owner: "Tenant Administrator",
        lastModifiedBy: "tenant.admin@demo.test",
        lastModifiedTime: new Date("2026-05-01T08:00:00Z"),
      },
      expect.objectContaining({
        alias: ROOT_ALIAS,
        hexAlias: ROOT_HEX_ALIAS,
        type: "Certificate",
        subjectDN: "CN=Tenant Root CA, O=Renewal Desk Tests",
        fingerprintSha256: sha256(root.der),
      }),
    ]);
    expect(apiRequests()).toEqual([
      {
        method: "GET",
        path: "/api/v1/KeystoreEntries",
        query: { $format: "json" },
        authorization: "bearer",
        accept: "application/json",
        contentType: undefined,
      },
    ]);
  });

  it("is read by alias from a {d:{…}} entity, addressed by the alias's uppercase UTF-8 hex", async () => {
    const entry = await tenant.client().getKeystoreEntry(ROOT_ALIAS);
    expect([entry.alias, entry.hexAlias, entry.type, entry.validNotAfter]).toEqual([
      ROOT_ALIAS,
      ROOT_HEX_ALIAS,
      "Certificate",
      tenant.chain.root.cert.notAfter,
    ]);
    expect(apiRequests().map((r) => r.path)).toEqual([`/api/v1/KeystoreEntries('${ROOT_HEX_ALIAS}')`]);
  });

  it("tolerates a lowercase Hexalias in answers and escaped slashes in JSON dates", async () => {
    tenant.sim.setStyle({ hexAliasCase: "lower", escapeSlashes: true });
    const client = tenant.client();
    const entry = await client.getKeystoreEntry(ROOT_ALIAS);
    expect([entry.hexAlias, entry.lastModifiedTime]).toEqual([ROOT_HEX_ALIAS, new Date("2026-05-01T08:00:00Z")]);
    expect((await client.listKeystoreEntries()).map((e) => e.hexAlias)).toEqual([
      "72656E6577616C20636C69656E74",
      ROOT_HEX_ALIAS,
    ]);
  });

  it("follows the tenant's next-page links when it pages the list", async () => {
    tenant.sim.setStyle({ keystorePageSize: 1 });
    const entries = await tenant.client().listKeystoreEntries();
    expect(entries.map((e) => e.alias)).toEqual([CLIENT_ALIAS, ROOT_ALIAS]);
    expect(apiRequests().map((r) => r.query)).toEqual([{ $format: "json" }, { $skiptoken: "1", $format: "json" }]);
  });
});

describe("certificate downloads", () => {
  it.each(["pem", "der"] as const)("give the entry's certificate as PEM when the tenant sends %s", async (encoding) => {
    tenant.sim.setStyle({ certificate: encoding });
    const pem = await tenant.client().downloadCertificate(CLIENT_ALIAS);
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n$/);
    expect(sha256(toDer(pem))).toBe(sha256(tenant.chain.leaf.der));
    expect(apiRequests()).toEqual([
      {
        method: "GET",
        path: `/api/v1/KeystoreEntries('72656E6577616C20636C69656E74')/Certificate/$value`,
        query: {},
        authorization: "bearer",
        accept: "application/pkix-cert",
        contentType: "application/pkix-cert",
      },
    ]);
  });

  it.each(["der", "pem"] as const)(
    "give the chain as PEM, in the tenant's order, from a PKCS#7 file sent as %s",
    async (encoding) => {
      tenant.sim.setStyle({ chain: encoding });
      const chain = await tenant.client().downloadCertificateChain(CLIENT_ALIAS);
      const { leaf, intermediate, root } = tenant.chain;
      expect(chain.map((pem) => sha256(toDer(pem)))).toEqual([
        sha256(leaf.der),
        sha256(intermediate.der),
        sha256(root.der),
      ]);
      expect(apiRequests().map((r) => [r.path, r.accept, r.contentType])).toEqual([
        [
          "/api/v1/KeystoreEntries('72656E6577616C20636C69656E74')/ChainResource/$value",
          "application/pkcs7-mime",
          "application/pkcs7-mime",
        ],
      ]);
    },
  );
});

describe("runtime artifacts", () => {
  const expected = [
    {
      id: "Orders_To_Partner",
      name: "Orders to partner",
      version: "1.0.3",
      type: "INTEGRATION_FLOW",
      deployedBy: "developer@demo.test",
      deployedOn: ARTIFACTS[0]!.deployedOn,
      status: "STARTED",
    },
    {
      id: "Invoices_To_Partner",
      name: "Invoices to partner",
      version: "2.1.0",
      type: "INTEGRATION_FLOW",
      deployedBy: "developer@demo.test",
      deployedOn: ARTIFACTS[1]!.deployedOn,
      status: "ERROR",
    },
  ];

  it.each(["json-date", "iso-local"] as const)("are listed with DeployedOn written as %s", async (deployedOn) => {
    tenant.sim.setStyle({ deployedOn });
    expect(await tenant.client().listRuntimeArtifacts()).toEqual(expected);
    expect(apiRequests().map((r) => r.query)).toEqual([{ $format: "json", $top: "1000", $skip: "0" }]);
  });

  it("are read page by page when there are more than 1000", async () => {
    const many = Array.from({ length: 1001 }, (_, i) => ({
      id: `Flow_${i}`,
      deployedOn: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
    }));
    tenant.sim.setArtifacts(many);
    const artifacts = await tenant.client().listRuntimeArtifacts();
    expect(artifacts).toHaveLength(1001);
    expect([artifacts[0]!.id, artifacts[1000]!.id, artifacts[1000]!.deployedOn]).toEqual([
      "Flow_0",
      "Flow_1000",
      many[1000]!.deployedOn,
    ]);
    expect(apiRequests().map((r) => r.query.$skip)).toEqual(["0", "1000"]);
  });
});
