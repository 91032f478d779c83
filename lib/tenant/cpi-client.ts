import "server-only";
import { certificatesFromDownload } from "./certificate-download";
import { toHexAlias } from "./hex-alias";
import { type KeystoreEntry, toKeystoreEntry } from "./keystore-entry";
import { readCollection, readEntity } from "./odata";
import { type RuntimeArtifact, toRuntimeArtifact } from "./runtime-artifact";
import type { ServiceKey } from "./service-key";
import { type TenantApi, createTenantApi } from "./tenant-api";
import { TenantError } from "./tenant-error";
import { createTokenSource } from "./token-source";

export type { KeystoreEntry } from "./keystore-entry";
export type { RuntimeArtifact } from "./runtime-artifact";
export { TenantError, type TenantErrorCode } from "./tenant-error";

export interface CpiClientOptions {
  /** Per request, the body included. */
  timeoutMs: number;
  fetch?: typeof fetch;
}

/**
 * Reads from SAP Cloud Integration's OData API (keystore and runtime artifacts, see
 * ../shared/sap-cloud-integration-api.md). Every failure is a TenantError.
 */
export interface CpiClient {
  /** A client-credentials token, reused until shortly before it expires. */
  accessToken(): Promise<string>;
  listKeystoreEntries(): Promise<KeystoreEntry[]>;
  getKeystoreEntry(alias: string): Promise<KeystoreEntry>;
  /** The entry's certificate (for a key pair, its certificate), as PEM. */
  downloadCertificate(alias: string): Promise<string>;
  /** The entry's chain as the tenant stores it, as PEM, in the tenant's order. */
  downloadCertificateChain(alias: string): Promise<string[]>;
  listRuntimeArtifacts(): Promise<RuntimeArtifact[]>;
}

const KEYSTORE_TASK = "read the tenant keystore";
const ARTIFACTS_TASK = "read the deployed integration artifacts";
/** The most the tenant puts in one answer (reference §0). */
const PAGE_SIZE = 1000;
/** Far more pages than a tenant can hold; a bound against a tenant that keeps linking on. */
const MAX_PAGES = 100;

export function createCpiClient(key: ServiceKey, options: CpiClientOptions): CpiClient {
  const transport = { fetch: options.fetch ?? fetch, timeoutMs: options.timeoutMs };
  const tokens = createTokenSource(key, transport);
  const api = createTenantApi(key, tokens, transport);
  const entryPath = (alias: string) => `/KeystoreEntries('${toHexAlias(alias)}')`;
  const notFound = (alias: string) =>
    `The tenant keystore has no entry with the alias "${alias}". Check the alias under Monitor > Manage Security > Keystore.`;

  async function download(
    alias: string,
    resource: "Certificate" | "ChainResource",
    mediaType: string,
    what: string,
  ): Promise<string[]> {
    const body = await api.file(
      { path: `${entryPath(alias)}/${resource}/$value`, what, task: KEYSTORE_TASK, notFound: notFound(alias) },
      mediaType,
    );
    const result = certificatesFromDownload(body);
    if (!result.ok)
      throw new TenantError(
        "BAD_RESPONSE",
        `The tenant sent ${what}, but it could not be read: ${result.reason}.`,
        200,
      );
    return result.pems;
  }

  const client: CpiClient = {
    accessToken: async () => (await tokens.get()).token,

    listKeystoreEntries: () => listKeystore(api),

    async getKeystoreEntry(alias) {
      const what = `the keystore entry "${alias}"`;
      const answer = await api.json({ path: entryPath(alias), what, task: KEYSTORE_TASK, notFound: notFound(alias) });
      const entry = toKeystoreEntry(readEntity(answer.body));
      if (!entry) throw answer.invalid("is not a keystore entry in OData JSON");
      return entry;
    },

    async downloadCertificate(alias) {
      // Only the entry's own certificate is asked for (no rootCA=true, §2.2); should more come, it is the first.
      const [certificate] = await download(
        alias,
        "Certificate",
        "application/pkix-cert",
        `the certificate of "${alias}"`,
      );
      return certificate!;
    },

    downloadCertificateChain: (alias) =>
      download(alias, "ChainResource", "application/pkcs7-mime", `the certificate chain of "${alias}"`),

    listRuntimeArtifacts: () => listRuntimeArtifacts(api),
  };
  return withSecretsKeptOut(client, () => [
    key.clientSecret,
    Buffer.from(`${key.clientId}:${key.clientSecret}`).toString("base64"),
    tokens.current(),
  ]);
}

/**
 * All entries. `$top`/`$skip` are not declared for keystore entries (§2.2), so the tenant's
 * own paging is followed instead; its JSON next link (`__next`) is unconfirmed (§0), so a
 * reply without one is taken as complete.
 */
async function listKeystore(api: TenantApi): Promise<KeystoreEntry[]> {
  const entries: KeystoreEntry[] = [];
  let path: string | URL = "/KeystoreEntries";
  for (let page = 1; page <= MAX_PAGES; page++) {
    const answer = await api.json({ path, what: "the list of keystore entries", task: KEYSTORE_TASK });
    const collection = readCollection(answer.body);
    if (!collection) throw answer.invalid('is not an OData collection ({"d":{"results":[…]}})');
    for (const [index, json] of collection.results.entries()) {
      const entry = toKeystoreEntry(json);
      if (!entry)
        throw answer.invalid(
          `holds an entry (number ${entries.length + index + 1}) without Alias and Hexalias or with a field of the wrong type`,
        );
      entries.push(entry);
    }
    if (!collection.next) return entries;
    path = nextPage(collection.next, api.root, answer.invalid);
  }
  throw new TenantError(
    "BAD_RESPONSE",
    `The tenant's list of keystore entries went on for more than ${MAX_PAGES} pages.`,
  );
}

/** A next link must stay on the tenant's API: the bearer token goes wherever it points. */
function nextPage(link: string, root: URL, invalid: (problem: string) => TenantError): URL {
  let url: URL;
  try {
    url = new URL(link, `${root.href}/`);
  } catch {
    throw invalid("has a next-page link that is no URL");
  }
  if (url.origin !== root.origin || !url.pathname.startsWith(`${root.pathname}/`))
    throw invalid("has a next-page link outside the tenant's API");
  return url;
}

/** All deployed artifacts, a page of at most 1000 at a time with the documented `$top`/`$skip` (§3). */
async function listRuntimeArtifacts(api: TenantApi): Promise<RuntimeArtifact[]> {
  const artifacts: RuntimeArtifact[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await api.json({
      path: "/IntegrationRuntimeArtifacts",
      query: { $top: PAGE_SIZE, $skip: page * PAGE_SIZE },
      what: "the list of deployed integration artifacts",
      task: ARTIFACTS_TASK,
    });
    const collection = readCollection(answer.body);
    if (!collection) throw answer.invalid('is not an OData collection ({"d":{"results":[…]}})');
    for (const [index, json] of collection.results.entries()) {
      const artifact = toRuntimeArtifact(json);
      if (!artifact)
        throw answer.invalid(
          `holds an artifact (number ${artifacts.length + index + 1}) without an Id or with a field of the wrong type`,
        );
      artifacts.push(artifact);
    }
    if (collection.results.length < PAGE_SIZE) return artifacts;
  }
  throw new TenantError(
    "BAD_RESPONSE",
    `The tenant's list of deployed integration artifacts went on for more than ${MAX_PAGES} pages.`,
  );
}

/** Whatever fails, its message carries neither the client secret nor a token, even if the tenant echoed one. */
function withSecretsKeptOut(client: CpiClient, secrets: () => (string | undefined)[]): CpiClient {
  const scrub = (message: string) =>
    secrets().reduce<string>((text, secret) => (secret ? text.split(secret).join("[hidden]") : text), message);
  const guard =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await call(...args);
      } catch (error) {
        if (error instanceof TenantError) throw new TenantError(error.code, scrub(error.message), error.status);
        throw error;
      }
    };
  return {
    accessToken: guard(client.accessToken),
    listKeystoreEntries: guard(client.listKeystoreEntries),
    getKeystoreEntry: guard(client.getKeystoreEntry),
    downloadCertificate: guard(client.downloadCertificate),
    downloadCertificateChain: guard(client.downloadCertificateChain),
    listRuntimeArtifacts: guard(client.listRuntimeArtifacts),
  };
}
