import { describe, expect, it } from "vitest";
import { parseServiceKey } from "@/lib/tenant/service-key";

const fields = {
  url: "https://12345abc.it-xyz789.cfapps.us10-001.hana.ondemand.com",
  tokenurl: "https://subdomain.authentication.us10.hana.ondemand.com/oauth/token",
  clientid: "sb-12345!b1234|it!b5678",
  clientsecret: "a1b2c3$d4e5f6=",
};
const key = {
  url: fields.url,
  tokenUrl: fields.tokenurl,
  clientId: fields.clientid,
  clientSecret: fields.clientsecret,
};

describe("parseServiceKey", () => {
  it("reads the fields at the top level, from text or parsed JSON", () => {
    expect(parseServiceKey(JSON.stringify(fields))).toEqual({ ok: true, key });
    expect(parseServiceKey({ ...fields, createdate: "2026-01-01", "sap.cloud.service": "com.sap.it.api" })).toEqual({
      ok: true,
      key,
    });
  });

  it("reads the fields inside an oauth object", () => {
    expect(parseServiceKey(JSON.stringify({ oauth: fields }))).toEqual({ ok: true, key });
  });

  it("trims whitespace and trailing slashes from addresses", () => {
    expect(parseServiceKey({ ...fields, url: ` ${fields.url}/ `, clientid: ` ${fields.clientid}\n` })).toEqual({
      ok: true,
      key,
    });
  });

  it("names every missing field in plain words", () => {
    expect(parseServiceKey("{}")).toEqual({
      ok: false,
      errors: [
        '"url" is missing: the service key must contain the address of the Cloud Integration tenant.',
        '"tokenurl" is missing: the service key must contain the address of the token server.',
        '"clientid" is missing: the service key must contain the client id of the service instance.',
        '"clientsecret" is missing: the service key must contain the client secret of the service instance.',
      ],
    });
  });

  it("refuses empty and non-text fields", () => {
    expect(parseServiceKey({ ...fields, clientid: "  ", clientsecret: 42 })).toEqual({
      ok: false,
      errors: [
        '"clientid" is empty: the service key must contain the client id of the service instance.',
        '"clientsecret" must be text.',
      ],
    });
  });

  it.each([
    ["plain http to a remote host", "http://tenant.example.com"],
    ["no address at all", "tenant.example.com"],
    ["another scheme", "ftp://tenant.example.com"],
    ["credentials in the address", "https://user:pass@tenant.example.com"],
  ])("refuses %s", (_label, url) => {
    expect(parseServiceKey({ ...fields, url })).toEqual({
      ok: false,
      errors: ['"url" must be a full https:// address (the address of the Cloud Integration tenant).'],
    });
  });

  it.each(["http://127.0.0.1:4010", "http://localhost:4010", "http://[::1]:4010"])(
    "accepts plain http on loopback (%s), where tests run the simulator",
    (url) => {
      expect(parseServiceKey({ ...fields, url, tokenurl: `${url}/oauth/token` })).toEqual({
        ok: true,
        key: { ...key, url, tokenUrl: `${url}/oauth/token` },
      });
    },
  );

  it("explains what to do with text that is not JSON or not an object", () => {
    expect(parseServiceKey('{"url": "https://x",')).toEqual({
      ok: false,
      errors: ["The service key is not valid JSON. Copy the whole key from the BTP cockpit, including the outer { }."],
    });
    expect(parseServiceKey("[1,2]")).toEqual({
      ok: false,
      errors: ["The service key must be a JSON object with url, tokenurl, clientid and clientsecret."],
    });
  });

  it("recognises a key of type Certificate", () => {
    const { url, tokenurl, clientid } = fields;
    expect(
      parseServiceKey({
        oauth: {
          url,
          tokenurl,
          clientid,
          certificate: "-----BEGIN CERTIFICATE-----…",
          key: "-----BEGIN PRIVATE KEY-----…",
        },
      }),
    ).toEqual({
      ok: false,
      errors: [
        "This is a service key of type Certificate (it holds a certificate and a private key, no client secret). Create a service key of type ClientId/Secret for the instance and paste that one.",
      ],
    });
  });

  it("never echoes the client secret", () => {
    const result = parseServiceKey({ ...fields, url: "nonsense", clientsecret: fields.clientsecret });
    expect(JSON.stringify(result)).not.toContain(fields.clientsecret);
    expect(result.ok).toBe(false);
  });
});
