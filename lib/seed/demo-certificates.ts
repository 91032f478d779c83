import { issueCertificate } from "@/lib/certificates/issue";

const DAY = 86_400_000;

/**
 * Certificates for the demo cases, made at seed time (the private keys stay in memory and are dropped):
 * an old CA with the client certificate being replaced, and a new CA with an intermediate and the new one.
 */
export async function demoCertificates() {
  const notBefore = new Date(Date.now() - DAY);
  const until = (days: number) => new Date(Date.now() + days * DAY);
  const oldRoot = await issueCertificate({
    subject: "CN=Old Corporate Root CA,O=Demo Customer",
    ca: true,
    notBefore,
    notAfter: until(3650),
  });
  const oldLeaf = await issueCertificate({
    subject: "CN=cpi-tenant-client,O=Demo Customer",
    issuer: oldRoot,
    notBefore,
    notAfter: until(20),
  });
  const newRoot = await issueCertificate({
    subject: "CN=New Trust Services Root CA,O=New Trust Services",
    ca: true,
    notBefore,
    notAfter: until(3650),
  });
  const intermediate = await issueCertificate({
    subject: "CN=New Trust Services Issuing CA 1,O=New Trust Services",
    ca: true,
    issuer: newRoot,
    notBefore,
    notAfter: until(1825),
  });
  const newLeaf = await issueCertificate({
    subject: "CN=cpi-tenant-client,O=Demo Customer",
    issuer: intermediate,
    notBefore,
    notAfter: until(395),
  });
  return {
    oldLeaf: oldLeaf.pem,
    oldRoot: oldRoot.pem,
    newLeafChain: newLeaf.pem + intermediate.pem,
    newRoot: newRoot.pem,
  };
}
