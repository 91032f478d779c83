import "reflect-metadata";
import { describe, it, expect, beforeAll } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildPkcs7, intake, toPem, UPLOAD_LIMITS } from "@/lib/certificates";
import { makeCert, makeChain, part, pems, type Chain } from "../../support/certificates";
import * as x509 from "@peculiar/x509";

let chain: Chain;
beforeAll(async () => {
  chain = await makeChain();
});

function codes(result: ReturnType<typeof intake>): string[] {
  return result.ok ? [] : result.errors.map((e) => e.code);
}

function subjects(result: ReturnType<typeof intake>): string[] {
  return result.ok ? result.certificates.map((c) => c.subjectText) : [];
}

describe("accepted formats", () => {
  it("reads a single PEM certificate", () => {
    expect(subjects(intake([part(chain.leaf.pem)]))).toEqual([chain.leaf.cert.subject]);
  });

  it("reads every block of a multi-PEM file, with text around the blocks", () => {
    const text = `subject=${chain.leaf.cert.subject}\r\n${chain.leaf.pem}\nissuer info\n${chain.intermediate.pem}${chain.root.pem}`;
    expect(subjects(intake([part(text)]))).toEqual([
      chain.leaf.cert.subject,
      chain.intermediate.cert.subject,
      chain.root.cert.subject,
    ]);
  });

  it("reads DER files and several parts in one upload", () => {
    const result = intake([part(chain.leaf.der, "client.cer"), part(chain.intermediate.pem, "ca.pem")]);
    expect(subjects(result)).toEqual([chain.leaf.cert.subject, chain.intermediate.cert.subject]);
  });

  it("reads headerless base64 (pasted DER)", () => {
    expect(subjects(intake([part(Buffer.from(chain.root.der).toString("base64"))]))).toEqual([chain.root.cert.subject]);
  });

  it("reads a PKCS#7 bundle built by buildPkcs7, as DER and as PEM", () => {
    const ders = [chain.leaf.der, chain.intermediate.der, chain.root.der];
    const expected = [chain.leaf, chain.intermediate, chain.root].map((c) => c.cert.subject).sort();
    expect(subjects(intake([part(buildPkcs7(ders, "der"), "chain.p7b")])).sort()).toEqual(expected);
    expect(subjects(intake([part(buildPkcs7(ders, "pem"), "chain.p7c")])).sort()).toEqual(expected);
  });

  it("reads a PKCS#7 bundle made by openssl crl2pkcs7", () => {
    const file = join(mkdtempSync(join(tmpdir(), "renewal-p7b-")), "chain.pem");
    writeFileSync(file, pems(chain.leaf, chain.intermediate));
    const p7b = execFileSync("openssl", ["crl2pkcs7", "-nocrl", "-outform", "DER", "-certfile", file]);
    expect(subjects(intake([part(new Uint8Array(p7b))])).sort()).toEqual(
      [chain.leaf.cert.subject, chain.intermediate.cert.subject].sort(),
    );
  });

  it("drops exact duplicates within one upload", () => {
    expect(subjects(intake([part(chain.leaf.pem + chain.leaf.pem)]))).toHaveLength(1);
  });
});

describe("limits are checked before anything is parsed", () => {
  it("refuses a part over 64 KiB even when it is garbage", () => {
    const huge = new Uint8Array(UPLOAD_LIMITS.maxPartBytes + 1).fill(0x41);
    expect(codes(intake([part(huge, "big.pem")]))).toEqual(["FILE_TOO_LARGE"]);
  });

  it("refuses a 5 MB PEM block quickly", () => {
    const block = `-----BEGIN CERTIFICATE-----\n${"A".repeat(5_000_000)}\n-----END CERTIFICATE-----\n`;
    const start = performance.now();
    expect(codes(intake([part(block)]))).toEqual(["FILE_TOO_LARGE"]);
    expect(performance.now() - start).toBeLessThan(100);
  });

  it("refuses more than 10 certificates by counting blocks, before decoding them", () => {
    // Eleven blocks that are not certificates at all: the count must win over the parse error.
    const fake = "-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n".repeat(11);
    expect(codes(intake([part(fake)]))).toEqual(["TOO_MANY_CERTIFICATES"]);
    const fine = "-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n".repeat(10);
    expect(codes(intake([part(fine)]))).not.toContain("TOO_MANY_CERTIFICATES");
  });

  it("counts PKCS#7 entries towards the limit", () => {
    const bundle = buildPkcs7(new Array(11).fill(chain.leaf.der), "der");
    expect(codes(intake([part(bundle)]))).toEqual(["TOO_MANY_CERTIFICATES"]);
  });

  it("reports an empty upload", () => {
    expect(codes(intake([]))).toEqual(["EMPTY_UPLOAD"]);
    expect(codes(intake([part(""), part("  \n\t ")]))).toEqual(["EMPTY_UPLOAD"]);
  });
});

describe("bad input gives UNPARSEABLE (or a more precise code), never an exception", () => {
  it.each([
    ["plain text", "hello, this is my certificate"],
    ["truncated PEM", () => chain.leaf.pem.slice(0, chain.leaf.pem.length / 2)],
    ["PEM with corrupt base64", () => chain.leaf.pem.replace(/\n[A-Za-z0-9+/]{10}/, "\n!!!!!!!!!!")],
    ["a CSR", "-----BEGIN CERTIFICATE REQUEST-----\nMAA=\n-----END CERTIFICATE REQUEST-----\n"],
    ["a public key", "-----BEGIN PUBLIC KEY-----\nMAA=\n-----END PUBLIC KEY-----\n"],
  ] as const)("%s", (_label, content) => {
    const result = intake([part(typeof content === "function" ? content() : content)]);
    expect(codes(result)).toEqual(["UNPARSEABLE"]);
    expect(result.ok ? "" : result.errors[0]!.message).toMatch(/could not be read/);
  });

  it("truncated DER", () => {
    expect(codes(intake([part(chain.leaf.der.subarray(0, 100))]))).toEqual(["UNPARSEABLE"]);
  });

  it("trailing data after a DER certificate", () => {
    const withTrailer = new Uint8Array([...chain.leaf.der, 0x05, 0x00]);
    expect(codes(intake([part(withTrailer)]))).toEqual(["UNPARSEABLE"]);
    expect(intake([part(withTrailer)])).toMatchObject({ errors: [{ message: expect.stringMatching(/extra data/) }] });
  });

  it("trailing data inside a PEM block", () => {
    const pem = toPem(new Uint8Array([...chain.leaf.der, 0x00]));
    expect(codes(intake([part(pem)]))).toEqual(["MALFORMED_CERTIFICATE"]);
  });

  it("a certificate with a duplicated extension", async () => {
    const dup = await makeCert({
      subject: "CN=dup",
      extensions: [
        new x509.SubjectAlternativeNameExtension([{ type: "dns", value: "a.example" }]),
        new x509.SubjectAlternativeNameExtension([{ type: "dns", value: "b.example" }]),
      ],
    });
    expect(codes(intake([part(dup.pem)]))).toEqual(["DUPLICATE_EXTENSION"]);
  });

  it("a certificate whose DER is not minimal", () => {
    // Re-encode the outer length in long form: same content, not DER any more.
    const der = chain.leaf.der;
    const headerLength = der[1]! < 0x80 ? 2 : 2 + (der[1]! & 0x7f);
    const body = der.subarray(headerLength);
    const padded = new Uint8Array([
      0x30,
      0x84,
      (body.length >>> 24) & 255,
      (body.length >>> 16) & 255,
      (body.length >>> 8) & 255,
      body.length & 255,
      ...body,
    ]);
    expect(codes(intake([part(padded)]))).toEqual(["UNPARSEABLE"]);
  });

  it("survives random and mutated input without throwing", () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let i = 0; i < 300; i++) {
      const mutated = new Uint8Array(chain.leaf.der);
      for (let j = 0; j < 1 + (i % 5); j++) mutated[Math.floor(random() * mutated.length)] = Math.floor(random() * 256);
      const result = intake([part(mutated)]);
      expect(typeof result.ok).toBe("boolean");
      const noise = new Uint8Array(1 + Math.floor(random() * 300)).map(() => Math.floor(random() * 256));
      expect(typeof intake([part(noise)]).ok).toBe("boolean");
    }
  });
});
