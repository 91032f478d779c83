import { describe, expect, it } from "vitest";
import { toKeystoreEntry } from "@/lib/tenant/keystore-entry";
import { toRuntimeArtifact } from "@/lib/tenant/runtime-artifact";

// The Hub spec's example entry (reference §2.4), as the tenant would send it.
const entry = {
  __metadata: {
    id: "https://tenant/api/v1/KeystoreEntries('313233')",
    uri: "https://tenant/api/v1/KeystoreEntries('313233')",
    type: "com.sap.hci.api.KeystoreEntry",
  },
  Hexalias: "313233",
  Alias: "123",
  KeyType: "RSA",
  KeySize: 2048,
  ValidNotBefore: "/Date(1559804924000)/",
  ValidNotAfter: "/Date(1717571324000)/",
  SerialNumber: "0x11F11",
  SignatureAlgorithm: "SHA256withRSA",
  EllipticCurve: null,
  Validity: null,
  SubjectDN: "CN=sandbox.api.sap.com, OU=Hana Cloud Integration, O=SAP, C=DE",
  IssuerDN: "CN=SAP Cloud Root CA, O=SAP SE, L=Walldorf, C=DE",
  Version: 3,
  FingerprintSha256: "0D:56:9B:A2",
  Type: "Certificate",
  Owner: "Tenant Administrator",
  LastModifiedBy: "sb-x!b1|it!b2",
  LastModifiedTime: "/Date(1559804924000)/",
  ChainCertificates: { __deferred: { uri: "https://tenant/api/v1/KeystoreEntries('313233')/ChainCertificates" } },
};

describe("keystore entry", () => {
  it("is read from the documented fields, ignoring links and metadata", () => {
    expect(toKeystoreEntry(entry)).toEqual({
      alias: "123",
      hexAlias: "313233",
      type: "Certificate",
      keyType: "RSA",
      keySize: 2048,
      subjectDN: "CN=sandbox.api.sap.com, OU=Hana Cloud Integration, O=SAP, C=DE",
      issuerDN: "CN=SAP Cloud Root CA, O=SAP SE, L=Walldorf, C=DE",
      serialNumber: "0x11F11",
      signatureAlgorithm: "SHA256withRSA",
      validNotBefore: new Date(1559804924000),
      validNotAfter: new Date(1717571324000),
      fingerprintSha256: "0D:56:9B:A2",
      owner: "Tenant Administrator",
      lastModifiedBy: "sb-x!b1|it!b2",
      lastModifiedTime: new Date(1559804924000),
    });
  });

  it("keeps the hex alias uppercase when the tenant answers in lowercase", () => {
    expect(toKeystoreEntry({ ...entry, Alias: "my alias", Hexalias: "6d7920616c696173" })?.hexAlias).toBe(
      "6D7920616C696173",
    );
  });

  it("takes absent optional fields as null", () => {
    expect(toKeystoreEntry({ Alias: "a", Hexalias: "61" })).toEqual({
      alias: "a",
      hexAlias: "61",
      type: null,
      keyType: null,
      keySize: null,
      subjectDN: null,
      issuerDN: null,
      serialNumber: null,
      signatureAlgorithm: null,
      validNotBefore: null,
      validNotAfter: null,
      fingerprintSha256: null,
      owner: null,
      lastModifiedBy: null,
      lastModifiedTime: null,
    });
  });

  it.each([
    ["no Alias", { ...entry, Alias: undefined }],
    ["a Hexalias that is no hex", { ...entry, Hexalias: "31323" }],
    ["a date that is no date", { ...entry, ValidNotAfter: "soon" }],
    ["a key size as text", { ...entry, KeySize: "2048" }],
  ])("is refused with %s", (_label, json) => {
    expect(toKeystoreEntry(json)).toBeUndefined();
  });
});

describe("runtime artifact", () => {
  // The Hub example (reference §3) and SAP's mock, which writes DeployedOn without a zone.
  it.each([
    ["/Date(1521463557739)/", new Date(1521463557739)],
    ["2021-02-18T11:57:02.885", new Date("2021-02-18T11:57:02.885Z")],
  ])("is read with DeployedOn %s", (deployedOn, date) => {
    const json = {
      __metadata: {
        id: "x",
        uri: "x",
        type: "com.sap.hci.api.IntegrationRuntimeArtifact",
        content_type: "application/octet-stream",
        media_src: "x/$value",
        edit_media: "x/$value",
      },
      Id: "IntegrationFlow1",
      Version: "1.0.0",
      Name: "Integration Flow 1",
      Type: "INTEGRATION_FLOW",
      DeployedBy: "sb-x!b1|it!b2",
      DeployedOn: deployedOn,
      Status: "STARTED",
      ErrorInformation: { __deferred: { uri: "x/ErrorInformation" } },
    };
    expect(toRuntimeArtifact(json)).toEqual({
      id: "IntegrationFlow1",
      name: "Integration Flow 1",
      version: "1.0.0",
      type: "INTEGRATION_FLOW",
      deployedBy: "sb-x!b1|it!b2",
      deployedOn: date,
      status: "STARTED",
    });
  });

  it("takes null fields as null, and refuses an artifact without Id", () => {
    expect(toRuntimeArtifact({ Id: "A", Name: null, DeployedOn: null })).toEqual({
      id: "A",
      name: null,
      version: null,
      type: null,
      deployedBy: null,
      deployedOn: null,
      status: null,
    });
    expect(toRuntimeArtifact({ Name: "A" })).toBeUndefined();
  });
});
