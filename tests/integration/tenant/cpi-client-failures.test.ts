import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createCpiClient } from "@/lib/tenant/cpi-client";
import { freePort } from "../../support/free-port";
import { CLIENT_ALIAS, type Tenant, failureOf, resetTenant, startTenant } from "./tenant-fixture";

let tenant: Tenant;
beforeAll(async () => {
  tenant = await startTenant();
});
afterAll(() => tenant.sim.close());
beforeEach(() => resetTenant(tenant));

const host = () => new URL(tenant.sim.url).host;

describe("TOKEN_REFUSED", () => {
  it("when the client secret is wrong", async () => {
    tenant.sim.setCredentials({ clientId: tenant.key.clientId, clientSecret: "another-secret" });
    expect(await failureOf(tenant.client().listKeystoreEntries())).toEqual({
      code: "TOKEN_REFUSED",
      status: 401,
      message:
        "The token server refused the client id and secret of the service key. Paste the key again from the BTP cockpit; if it was deleted or re-created there, create a new one.",
    });
    expect(tenant.sim.requests.map((r) => r.path)).toEqual(["/oauth/token"]);
  });

  it("when the instance does not allow the client credentials grant", async () => {
    tenant.sim.setFault({
      on: "token",
      status: 400,
      contentType: "application/json",
      body: '{"error":"unauthorized_client","error_description":"Unauthorized grant type: client_credentials"}',
    });
    expect(await failureOf(tenant.client().accessToken())).toEqual({
      code: "TOKEN_REFUSED",
      status: 400,
      message:
        "The token server does not allow this client to get tokens with its id and secret. Create the service instance with grant type Client Credentials.",
    });
  });

  it("when the tenant refuses a token that was just issued (no second attempt)", async () => {
    tenant.sim.setFault({ on: "api", status: 401 });
    expect(await failureOf(tenant.client().listKeystoreEntries())).toEqual({
      code: "TOKEN_REFUSED",
      status: 401,
      message:
        'The tenant refused the access token issued for this service key. Check that "url" and "tokenurl" come from the same service key, of an instance of plan api.',
    });
    expect(tenant.sim.requests.map((r) => r.path)).toEqual(["/oauth/token", "/api/v1/KeystoreEntries"]);
  });
});

describe("FORBIDDEN", () => {
  it.each([
    ["listKeystoreEntries", "read the tenant keystore"],
    ["listRuntimeArtifacts", "read the deployed integration artifacts"],
  ] as const)("names the missing role MonitoringDataRead (%s)", async (call, task) => {
    tenant.sim.grantRoles(["WorkspaceArtifactsDeploy"]);
    expect(await failureOf(tenant.client()[call]())).toEqual({
      code: "FORBIDDEN",
      status: 403,
      message: `The service key may not ${task}: its instance lacks the role MonitoringDataRead. Add that role to the Process Integration Runtime instance (plan api) in the BTP cockpit; a role change can take up to an hour to apply.`,
    });
  });
});

describe("NOT_FOUND", () => {
  it.each(["getKeystoreEntry", "downloadCertificate", "downloadCertificateChain"] as const)(
    "for an unknown alias (%s)",
    async (call) => {
      expect(await failureOf(tenant.client()[call]("no such alias"))).toEqual({
        code: "NOT_FOUND",
        status: 404,
        message:
          'The tenant keystore has no entry with the alias "no such alias". Check the alias under Monitor > Manage Security > Keystore.',
      });
    },
  );
});

describe("UNREACHABLE", () => {
  it("when nothing listens on the port", async () => {
    const port = await freePort();
    const client = createCpiClient(
      { ...tenant.key, url: `http://127.0.0.1:${port}`, tokenUrl: `http://127.0.0.1:${port}/oauth/token` },
      { timeoutMs: 5000 },
    );
    expect(await failureOf(client.listKeystoreEntries())).toEqual({
      code: "UNREACHABLE",
      status: undefined,
      message: `Could not reach 127.0.0.1:${port} to ask for an access token: the connection was refused. Check the url and tokenurl in the service key, and that this server may connect to SAP BTP.`,
    });
  });

  it("when the host name does not resolve", async () => {
    const client = createCpiClient(
      { ...tenant.key, url: "https://tenant.invalid", tokenUrl: "https://auth.invalid/oauth/token" },
      { timeoutMs: 5000 },
    );
    expect(await failureOf(client.accessToken())).toEqual({
      code: "UNREACHABLE",
      status: undefined,
      message:
        "Could not reach auth.invalid to ask for an access token: its host name could not be resolved (DNS). Check the url and tokenurl in the service key, and that this server may connect to SAP BTP.",
    });
  });

  it("when the tenant drops the connection", async () => {
    tenant.sim.setFault({ on: "api", drop: true });
    expect(await failureOf(tenant.client().getKeystoreEntry(CLIENT_ALIAS))).toEqual({
      code: "UNREACHABLE",
      status: undefined,
      message: `Could not reach ${host()} to ask for the keystore entry "${CLIENT_ALIAS}": the connection was closed before an answer arrived. Check the url and tokenurl in the service key, and that this server may connect to SAP BTP.`,
    });
  });
});

describe("TIMEOUT", () => {
  it("when an answer takes longer than the timeout", async () => {
    const client = tenant.client(200);
    await client.accessToken();
    tenant.sim.setDelay(1000);
    const started = Date.now();
    expect(await failureOf(client.listRuntimeArtifacts())).toEqual({
      code: "TIMEOUT",
      status: undefined,
      message: `${host()} did not answer the request for the list of deployed integration artifacts within 0.2 seconds. The tenant may be overloaded; try again later.`,
    });
    expect(Date.now() - started).toBeLessThan(900);
  });

  it("when the token server is slow", async () => {
    tenant.sim.setDelay(1000);
    expect((await failureOf(tenant.client(200).accessToken())).message).toBe(
      `${host()} did not answer the request for an access token within 0.2 seconds. The tenant may be overloaded; try again later.`,
    );
  });
});

describe("BAD_RESPONSE", () => {
  it("when the body is not JSON", async () => {
    tenant.sim.setFault({
      on: "api",
      status: 200,
      contentType: "text/html",
      body: "<html><body>Sign in</body></html>",
    });
    expect(await failureOf(tenant.client().listKeystoreEntries())).toEqual({
      code: "BAD_RESPONSE",
      status: 200,
      message: `${host()} answered the request for the list of keystore entries with HTTP 200, but the answer is not JSON. Check that "url" in the service key is the address of the tenant, from a key of an instance of plan api.`,
    });
  });

  it("when the JSON is no OData collection", async () => {
    tenant.sim.setFault({ on: "api", status: 200, contentType: "application/json", body: '{"value":[]}' });
    expect(await failureOf(tenant.client().listRuntimeArtifacts())).toEqual({
      code: "BAD_RESPONSE",
      status: 200,
      message: `${host()} answered the request for the list of deployed integration artifacts with HTTP 200, but the answer is not an OData collection ({"d":{"results":[…]}}). Check that "url" in the service key is the address of the tenant, from a key of an instance of plan api.`,
    });
  });

  it("when an entry lacks its alias", async () => {
    tenant.sim.setFault({
      on: "api",
      status: 200,
      contentType: "application/json",
      body: '{"d":{"results":[{"Hexalias":"6161"}]}}',
    });
    expect((await failureOf(tenant.client().listKeystoreEntries())).message).toBe(
      `${host()} answered the request for the list of keystore entries with HTTP 200, but the answer holds an entry (number 1) without Alias and Hexalias or with a field of the wrong type. Check that "url" in the service key is the address of the tenant, from a key of an instance of plan api.`,
    );
  });

  it("when a certificate download is no certificate", async () => {
    tenant.sim.setFault({ on: "api", status: 200, contentType: "application/pkix-cert", body: "not a certificate" });
    expect(await failureOf(tenant.client().downloadCertificate(CLIENT_ALIAS))).toEqual({
      code: "BAD_RESPONSE",
      status: 200,
      message: `The tenant sent the certificate of "${CLIENT_ALIAS}", but it could not be read: the base64 text is corrupt or incomplete.`,
    });
  });

  it("when the tenant fails, quoting its OData error text", async () => {
    tenant.sim.setFault({
      on: "api",
      status: 500,
      contentType: "application/json",
      body: '{"error":{"code":"Internal Server Error","message":{"lang":"en","value":"Keystore service unavailable"}}}',
    });
    expect(await failureOf(tenant.client().listKeystoreEntries())).toEqual({
      code: "BAD_RESPONSE",
      status: 500,
      message: `${host()} answered the request for the list of keystore entries with HTTP 500. It said: "Keystore service unavailable". The error is on the tenant's side; try again later, and contact SAP support if it persists.`,
    });
  });

  it("when the token server answers without a token", async () => {
    tenant.sim.setFault({ on: "token", status: 200, contentType: "application/json", body: '{"token_type":"bearer"}' });
    expect(await failureOf(tenant.client().accessToken())).toEqual({
      code: "BAD_RESPONSE",
      status: 200,
      message: `${host()} answered the request for an access token with HTTP 200, but the answer holds no usable access_token. Check "tokenurl" in the service key.`,
    });
  });
});

describe("secrets in messages", () => {
  it("neither the client secret nor the token appear, even when the tenant echoes them", async () => {
    const client = tenant.client();
    const token = await client.accessToken();
    const echo = `token ${token} secret ${tenant.key.clientSecret}`;
    tenant.sim.setFault({
      on: "api",
      status: 502,
      contentType: "application/json",
      body: JSON.stringify({ error: { code: "Bad Gateway", message: { lang: "en", value: echo } } }),
    });
    const failure = await failureOf(client.listKeystoreEntries());
    expect(failure.message).toBe(
      `${host()} answered the request for the list of keystore entries with HTTP 502. It said: "token [hidden] secret [hidden]". The error is on the tenant's side; try again later, and contact SAP support if it persists.`,
    );
  });
});
