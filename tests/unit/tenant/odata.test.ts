import { describe, expect, it } from "vitest";
import { odataErrorText, parseODataDate, readCollection, readEntity } from "@/lib/tenant/odata";

describe("OData envelopes", () => {
  it("reads a collection, with its next-page link when there is one", () => {
    expect(readCollection({ d: { results: [{ Id: "a" }, { Id: "b" }] } })).toEqual({
      results: [{ Id: "a" }, { Id: "b" }],
      next: undefined,
    });
    expect(readCollection({ d: { results: [], __next: "KeystoreEntries?$skiptoken=1000" } })).toEqual({
      results: [],
      next: "KeystoreEntries?$skiptoken=1000",
    });
  });

  it("reads a single entity and ignores what it does not know", () => {
    const entity = { __metadata: { uri: "x" }, Alias: "a", ChainCertificates: { __deferred: { uri: "y" } } };
    expect(readEntity({ d: entity })).toEqual(entity);
  });

  it.each([
    ["an entity where a collection is expected", { d: { Alias: "a" } }],
    ["results that are no list", { d: { results: { Alias: "a" } } }],
    ["no d", { results: [] }],
    ["OData V4 JSON", { value: [] }],
    ["null", null],
  ])("refuses %s as a collection", (_label, body) => {
    expect(readCollection(body)).toBeUndefined();
  });

  it.each([
    ["a collection", { d: { results: [] } }],
    ["a list as d", { d: [] }],
    ["no d", { Alias: "a" }],
    ["text", "{}"],
  ])("refuses %s as an entity", (_label, body) => {
    expect(readEntity(body)).toBeUndefined();
  });
});

describe("OData dates", () => {
  it.each([
    ["/Date(1559804924000)/", "2019-06-06T07:08:44.000Z"],
    ["/Date(1559804924000+0060)/", "2019-06-06T07:08:44.000Z"],
    ["/Date(-86400000)/", "1969-12-31T00:00:00.000Z"],
    ["2020-04-01T12:00:00Z", "2020-04-01T12:00:00.000Z"],
    ["2017-04-13T15:51:04", "2017-04-13T15:51:04.000Z"],
    ["2021-02-18T11:57:02.885", "2021-02-18T11:57:02.885Z"],
    ["2021-02-18T11:57:02.885123456", "2021-02-18T11:57:02.885Z"],
    ["2021-02-18T13:57:02+02:00", "2021-02-18T11:57:02.000Z"],
  ])("reads %s", (text, iso) => {
    expect(parseODataDate(text)?.toISOString()).toBe(iso);
  });

  it.each(["Date(1559804924000)", "/Date(abc)/", "2021-02-30T25:00:00", "yesterday", ""])("refuses %j", (text) => {
    expect(parseODataDate(text)).toBeUndefined();
  });
});

describe("OData error text", () => {
  it("is read from the documented body", () => {
    expect(
      odataErrorText(
        '{"error":{"code":"Not Found","message":{"lang":"en","value":"Alias \'x\' not found in the keystore"}}}',
      ),
    ).toBe("Alias 'x' not found in the keystore");
  });

  it("is read from the body SAP's mocks use", () => {
    expect(odataErrorText('{"code":"Not Found","message":{"@lang":"en","#text":"Integration flow not found"}}')).toBe(
      "Integration flow not found",
    );
  });

  it("is tamed: control characters become spaces, and it is cut at 300 characters", () => {
    expect(odataErrorText(JSON.stringify({ error: { message: "line one\r\nline two\u0007" } }))).toBe(
      "line one line two",
    );
    expect(odataErrorText(JSON.stringify({ error: { message: { value: "x".repeat(400) } } }))).toBe("x".repeat(300));
  });

  it.each(["", "<html>Service Unavailable</html>", '{"error":"unauthorized"}', '{"error":{"message":{"value":"  "}}}'])(
    "is absent from %j",
    (body) => {
      expect(odataErrorText(body)).toBeUndefined();
    },
  );
});
