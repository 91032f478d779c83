import "reflect-metadata";
import { beforeAll, describe, expect, it } from "vitest";
import { readOldCertificates } from "@/lib/certificates/old-certificates";
import { makeChain, part, type Chain } from "../../support/certificates";

let chain: Chain;
beforeAll(async () => {
  chain = await makeChain("p256", "Old");
});

describe("the certificate being replaced", () => {
  it("is kept with its root for comparison", () => {
    const read = readOldCertificates([part(chain.leaf.pem)], [part(chain.root.pem)]);
    expect(read.ok && read.certificates.map((certificate) => certificate.role)).toEqual(["old-leaf", "old-root"]);
  });

  it("is a root when a root alone is given (a receiver's trusted root renewed from the tenant keystore)", () => {
    const read = readOldCertificates([part(chain.root.pem)], []);
    expect(read.ok && read.certificates.map((certificate) => certificate.role)).toEqual(["old-root"]);
  });

  it("takes the client certificate out of a whole chain", () => {
    const read = readOldCertificates([part(chain.leaf.pem + chain.intermediate.pem + chain.root.pem)], []);
    expect(read.ok && read.certificates.map((certificate) => [certificate.role, certificate.subject])).toEqual([
      ["old-leaf", chain.leaf.cert.subject],
    ]);
  });
});
