import { beforeAll, describe, expect, it } from "vitest";
import { buildPkcs7 } from "@/lib/certificates";
import { certificatesFromDownload } from "@/lib/tenant/certificate-download";
import { type Chain, makeChain } from "../../support/certificates";

let chain: Chain;
beforeAll(async () => {
  chain = await makeChain();
});

const text = (s: string) => new TextEncoder().encode(s);
const pemOf = (der: Uint8Array) => certificatesFromDownload(der);

describe("certificatesFromDownload", () => {
  it("reads a PEM certificate, a DER certificate and bare base64 alike", () => {
    const expected = pemOf(chain.leaf.der);
    expect(expected).toEqual({ ok: true, pems: [expect.stringMatching(/^-----BEGIN CERTIFICATE-----\n/)] });
    expect(certificatesFromDownload(text(chain.leaf.pem))).toEqual(expected);
    expect(certificatesFromDownload(text(Buffer.from(chain.leaf.der).toString("base64")))).toEqual(expected);
  });

  it("reads a PKCS#7 chain in DER or PEM, keeping its order", () => {
    const ders = [chain.leaf.der, chain.intermediate.der, chain.root.der];
    const expected = { ok: true, pems: ders.map((der) => (pemOf(der) as { pems: string[] }).pems[0]) };
    expect(certificatesFromDownload(buildPkcs7(ders, "der"))).toEqual(expected);
    expect(certificatesFromDownload(text(buildPkcs7(ders, "pem")))).toEqual(expected);
    expect(certificatesFromDownload(text([chain.leaf.pem, chain.intermediate.pem, chain.root.pem].join("\n")))).toEqual(
      expected,
    );
  });

  it.each([
    [
      "text that is neither PEM nor base64",
      text("<html>Bad Gateway</html>"),
      "the base64 text is corrupt or incomplete",
    ],
    ["an empty body", new Uint8Array(), "it is empty"],
    [
      "a private key",
      text("-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n"),
      'it contains a "PRIVATE KEY" block, which is not a certificate',
    ],
    [
      "DER that is no certificate",
      new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x05]),
      "certificate 1 of it is not a valid X.509 certificate",
    ],
    ["trailing bytes after the DER", new Uint8Array([0x30, 0x00, 0x00]), "trailing data after the encoded value"],
  ])("refuses %s without echoing it", (_label, bytes, reason) => {
    expect(certificatesFromDownload(bytes)).toEqual({ ok: false, reason });
  });
});
