/**
 * Certificates for tests: real ones, issued at test time by lib/certificates/issue.ts (nothing is committed as a
 * fixture), valid around a fixed clock unless a test says otherwise.
 */
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import {
  CLIENT_AUTH,
  issueCertificate,
  SERVER_AUTH,
  newKey,
  type IssueOptions,
  type IssuedCertificate,
  type IssuedKey,
  type KeyKind,
} from "@/lib/certificates/issue";

export { CLIENT_AUTH, SERVER_AUTH, newKey, type KeyKind } from "@/lib/certificates/issue";
export type TestKey = IssuedKey;
export type TestCert = IssuedCertificate;

export const DAY = 24 * 60 * 60 * 1000;
/** Fixed clock for tests: 2026-06-01T00:00:00Z. */
export const NOW = new Date("2026-06-01T00:00:00Z");

export type CertOptions = Omit<IssueOptions, "notBefore" | "notAfter"> & { notBefore?: Date; notAfter?: Date };

/** A certificate valid from 30 days before NOW to a year after it, unless the options say otherwise. */
export function makeCert(o: CertOptions): Promise<TestCert> {
  return issueCertificate({
    ...o,
    notBefore: o.notBefore ?? new Date(NOW.getTime() - 30 * DAY),
    notAfter: o.notAfter ?? new Date(NOW.getTime() + 365 * DAY),
  });
}

export interface Chain {
  root: TestCert;
  intermediate: TestCert;
  leaf: TestCert;
}

/** root → intermediate → client certificate, all valid at NOW. */
export async function makeChain(kind: KeyKind = "p256", names = "Test"): Promise<Chain> {
  const root = await makeCert({
    subject: `CN=${names} Root CA, O=Renewal Desk Tests`,
    ca: true,
    key: await newKey(kind),
  });
  const intermediate = await makeCert({
    subject: `CN=${names} Issuing CA, O=Renewal Desk Tests`,
    ca: true,
    pathLen: 0,
    issuer: root,
    key: await newKey(kind),
  });
  const leaf = await makeCert({
    subject: `CN=${names} client, O=Customer`,
    issuer: intermediate,
    key: await newKey(kind),
  });
  return { root, intermediate, leaf };
}

/** Upload parts from PEM text or DER bytes, as the app receives them. */
export function part(content: string | Uint8Array, name?: string): { name?: string; bytes: Uint8Array } {
  return { name, bytes: typeof content === "string" ? new TextEncoder().encode(content) : content };
}

export function pems(...certs: TestCert[]): string {
  return certs.map((c) => c.pem).join("\n");
}

/** Minimal DER encoder for extensions @peculiar/x509 has no class for. */
export function tlv(tag: number, ...contents: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const body = Buffer.concat(contents);
  const length =
    body.length < 0x80
      ? [body.length]
      : body.length < 0x100
        ? [0x81, body.length]
        : [0x82, body.length >> 8, body.length & 0xff];
  return new Uint8Array([tag, ...length, ...body]);
}

const ascii = (s: string) => new Uint8Array(Buffer.from(s, "latin1"));

export interface Subtrees {
  dns?: string[];
  email?: string[];
  /** Distinguished names as DER (e.g. `new x509.Name("CN=foo").toArrayBuffer()`). */
  dn?: Uint8Array[];
}

/** A nameConstraints extension (RFC 5280 4.2.1.10). */
export function nameConstraints(permitted: Subtrees, excluded: Subtrees = {}, critical = true): x509.Extension {
  const subtrees = (s: Subtrees) => [
    ...(s.dns ?? []).map((d) => tlv(0x30, tlv(0x82, ascii(d)))),
    ...(s.email ?? []).map((e) => tlv(0x30, tlv(0x81, ascii(e)))),
    ...(s.dn ?? []).map((n) => tlv(0x30, tlv(0xa4, n))),
  ];
  const p = subtrees(permitted);
  const e = subtrees(excluded);
  const value = tlv(0x30, ...(p.length ? [tlv(0xa0, ...p)] : []), ...(e.length ? [tlv(0xa1, ...e)] : []));
  return new x509.Extension("2.5.29.30", critical, value);
}

export function san(...dns: string[]): x509.Extension {
  return new x509.SubjectAlternativeNameExtension(
    dns.map((value) => ({ type: value.includes("@") ? ("email" as const) : ("dns" as const), value })),
  );
}

/** root → intermediate → client certificate valid around the real current time (for tests of the app, which checks "now"). */
export async function makeCurrentChain(names = "Current", purpose: "client" | "server" = "client"): Promise<Chain> {
  const notBefore = new Date(Date.now() - DAY);
  const notAfter = new Date(Date.now() + 365 * DAY);
  const root = await makeCert({
    subject: `CN=${names} Root CA, O=Renewal Desk Tests`,
    ca: true,
    notBefore,
    notAfter: new Date(Date.now() + 3650 * DAY),
  });
  const intermediate = await makeCert({
    subject: `CN=${names} Issuing CA, O=Renewal Desk Tests`,
    ca: true,
    pathLen: 0,
    issuer: root,
    notBefore,
    notAfter,
  });
  const leaf = await makeCert({
    subject: `CN=${names} ${purpose}, O=Customer`,
    issuer: intermediate,
    notBefore,
    notAfter,
    eku: [purpose === "client" ? CLIENT_AUTH : SERVER_AUTH],
  });
  return { root, intermediate, leaf };
}
