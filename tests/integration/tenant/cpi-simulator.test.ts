/** The simulator itself against the reference, over plain HTTP: what the client tests rely on. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ROOT_ALIAS, ROOT_HEX_ALIAS, type Tenant, resetTenant, startTenant } from "./tenant-fixture";

let tenant: Tenant;
let token: string;
beforeAll(async () => {
  tenant = await startTenant();
});
afterAll(() => tenant.sim.close());
beforeEach(async () => {
  resetTenant(tenant);
  token = await tenant.client().accessToken();
});

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${tenant.sim.url}/api/v1${path}`, { headers: { Authorization: `Bearer ${token}`, ...headers } });

describe("CPI simulator", () => {
  it("accepts the hex alias in either case in the URL and answers with the uppercase Hexalias", async () => {
    for (const hex of [ROOT_HEX_ALIAS, ROOT_HEX_ALIAS.toLowerCase()]) {
      const answer = await get(`/KeystoreEntries('${hex}')`, { Accept: "application/json" });
      const body = (await answer.json()) as { d: { Alias: string; Hexalias: string } };
      expect([answer.status, body.d.Alias, body.d.Hexalias]).toEqual([200, ROOT_ALIAS, ROOT_HEX_ALIAS]);
    }
  });

  it("answers JSON for $format=json too, and Atom XML when JSON is not asked for", async () => {
    const json = await get("/KeystoreEntries?$format=json");
    expect([json.status, json.headers.get("content-type")]).toEqual([200, "application/json;charset=utf-8"]);
    const xml = await get("/KeystoreEntries");
    expect([xml.status, xml.headers.get("content-type")]).toEqual([200, "application/atom+xml;charset=utf-8"]);
    expect(await xml.text()).toContain(`<d:Alias>${ROOT_ALIAS}</d:Alias>`);
  });

  it("answers 401 without a valid token, 403 without the role, 404 with the documented error body", async () => {
    expect(
      (await fetch(`${tenant.sim.url}/api/v1/KeystoreEntries`, { headers: { Accept: "application/json" } })).status,
    ).toBe(401);
    const unknown = await get(`/KeystoreEntries('6E6F6E65')`, { Accept: "application/json" });
    expect([unknown.status, await unknown.json()]).toEqual([
      404,
      { error: { code: "Not Found", message: { lang: "en", value: "Alias 'none' not found in the keystore" } } },
    ]);
    tenant.sim.grantRoles([]);
    const forbidden = await get("/IntegrationRuntimeArtifacts", { Accept: "application/json" });
    expect([forbidden.status, ((await forbidden.json()) as { error: { code: string } }).error.code]).toEqual([
      403,
      "Forbidden",
    ]);
  });

  it("refuses a wrong client secret at the token endpoint with 401", async () => {
    const basic = Buffer.from(`${tenant.key.clientId}:wrong`).toString("base64");
    const answer = await fetch(`${tenant.sim.tokenUrl}?grant_type=client_credentials`, {
      method: "POST",
      headers: { Authorization: `Basic ${basic}` },
    });
    expect([answer.status, await answer.json()]).toEqual([
      401,
      { error: "unauthorized", error_description: "Bad credentials" },
    ]);
  });

  it("writes keystore dates as /Date(ms)/ and runtime artifacts with a deferred ErrorInformation link", async () => {
    const entry = (await (
      await get(`/KeystoreEntries('${ROOT_HEX_ALIAS}')`, { Accept: "application/json" })
    ).json()) as { d: Record<string, unknown> };
    expect(entry.d.ValidNotAfter).toBe(`/Date(${tenant.chain.root.cert.notAfter.getTime()})/`);
    const artifacts = (await (
      await get("/IntegrationRuntimeArtifacts?$top=1", { Accept: "application/json" })
    ).json()) as { d: { results: Record<string, unknown>[] } };
    expect(artifacts.d.results.map((a) => [a.Id, a.ErrorInformation])).toEqual([
      [
        "Orders_To_Partner",
        {
          __deferred: {
            uri: `${tenant.sim.url}/api/v1/IntegrationRuntimeArtifacts('Orders_To_Partner')/ErrorInformation`,
          },
        },
      ],
    ]);
  });
});
