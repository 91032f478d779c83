/**
 * Test double of SAP Cloud Integration's OData API (token server, keystore reads, deployed
 * runtime artifacts), faithful to ../shared/sap-cloud-integration-api.md (§ numbers below refer
 * to it). It listens on a free loopback port; tests set its state and failures through the
 * methods below. Never imported by app code.
 */
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { X509Certificate as NodeCertificate, createHash, randomBytes } from "node:crypto";
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import { buildPkcs7, toPem } from "@/lib/certificates";

/** The role every read simulated here needs (§1.5). */
export const READ_ROLE = "MonitoringDataRead";

export interface SimulatedEntry {
  alias: string;
  /** DER. */
  certificate: Uint8Array;
  /** DER, in the tenant's order; default: the certificate alone. */
  chain?: Uint8Array[];
  type?: "Certificate" | "Key Pair";
  owner?: string;
  lastModified?: Date;
}

export interface SimulatedArtifact {
  id: string;
  name?: string;
  version?: string;
  status?: "STARTED" | "ERROR" | "STARTING" | "STOPPING";
  deployedBy?: string;
  deployedOn: Date;
}

/** How the tenant writes what the reference leaves open. The defaults are the documented forms. */
export interface AnswerStyle {
  /** `DeployedOn` as `/Date(ms)/` (Hub examples) or ISO 8601 without a zone (SAP's mock), §3. */
  deployedOn: "json-date" | "iso-local";
  /** The certificate export as PEM (SAP's example) or DER (what `application/pkix-cert` means), §2.2. */
  certificate: "pem" | "der";
  /** The chain export as DER PKCS#7 (what `application/pkcs7-mime` means) or PEM-armoured, §2.2. */
  chain: "der" | "pem";
  /** `Hexalias` in answers: uppercase as documented (§2.1), or lowercase. */
  hexAliasCase: "upper" | "lower";
  /** `/` written as `\/` in JSON, as some SAP services do (§2.3). */
  escapeSlashes: boolean;
  /** Cut the keystore list into pages of this size, linked by `d.__next` (whose JSON form is unconfirmed, §0). */
  keystorePageSize?: number;
  /** `expires_in` of issued tokens; the default is the instance default (§1.3). */
  tokenLifetimeSeconds: number;
}

/** A failure on every request of one kind, until cleared: an answer of the given status, or a dropped connection. */
export type Fault =
  { on: "token" | "api"; status: number; body?: string; contentType?: string } | { on: "token" | "api"; drop: true };

export interface RecordedRequest {
  method: string;
  /** Decoded path, without the query. */
  path: string;
  query: Record<string, string>;
  authorization: "basic" | "bearer" | "none";
  accept?: string;
  contentType?: string;
}

interface StoredEntry extends SimulatedEntry {
  hexAlias: string;
  properties: Record<string, Value>;
}

/** A property value; objects (`__metadata`, `__deferred` links) appear in JSON only. */
type Value = string | number | null | Date | object;

const DEFAULT_STYLE: AnswerStyle = {
  deployedOn: "json-date",
  certificate: "pem",
  chain: "der",
  hexAliasCase: "upper",
  escapeSlashes: false,
  tokenLifetimeSeconds: 43200,
};
const CURVE_BITS: Record<string, number> = { prime256v1: 256, secp384r1: 384, secp521r1: 521 };
/** The most entries the tenant puts in one answer (§0). */
const MAX_PAGE = 1000;
const ENTRY = /^\/KeystoreEntries\('([^']*)'\)(\/Certificate\/\$value|\/ChainResource\/\$value)?$/;

export class CpiSimulator {
  readonly requests: RecordedRequest[] = [];
  private credentials = {
    clientId: "sb-renewal-desk-tests!b1234|it!b5678",
    clientSecret: `${randomBytes(12).toString("hex")}$${randomBytes(12).toString("base64")}`,
  };
  private roles = new Set([READ_ROLE]);
  private entries = new Map<string, StoredEntry>();
  private artifacts: SimulatedArtifact[] = [];
  private tokens = new Map<string, number>();
  private style: AnswerStyle = DEFAULT_STYLE;
  private delayMs = 0;
  private fault: Fault | undefined;
  private readonly waiting = new Set<() => void>();

  private constructor(
    private readonly server: Server,
    /** The tenant address, `url` in the service key. */
    readonly url: string,
  ) {}

  static async start(): Promise<CpiSimulator> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    const { port } = server.address() as { port: number };
    const simulator = new CpiSimulator(server, `http://127.0.0.1:${port}`);
    server.on("request", (request, response) => {
      simulator.handle(request, response).catch((error: unknown) => {
        if (!response.headersSent) response.writeHead(500).end(String(error));
      });
    });
    return simulator;
  }

  get tokenUrl(): string {
    return `${this.url}/oauth/token`;
  }

  /** A service key for this tenant, with the fields at the top level or inside `oauth` (§1.1). */
  serviceKey(shape: "top-level" | "oauth" = "top-level"): Record<string, unknown> {
    const fields = {
      url: this.url,
      tokenurl: this.tokenUrl,
      clientid: this.credentials.clientId,
      clientsecret: this.credentials.clientSecret,
    };
    return shape === "oauth" ? { oauth: fields } : fields;
  }

  setCredentials(credentials: { clientId: string; clientSecret: string }): void {
    this.credentials = { ...credentials };
  }

  /** The roles of the client's instance, replacing the previous ones (default: MonitoringDataRead). Checked on every request. */
  grantRoles(roles: string[]): void {
    this.roles = new Set(roles);
  }

  setEntries(entries: SimulatedEntry[]): void {
    this.entries = new Map(
      entries.map((entry) => {
        const hexAlias = Buffer.from(entry.alias, "utf8").toString("hex").toUpperCase();
        return [hexAlias, { ...entry, hexAlias, properties: entryProperties(entry) }];
      }),
    );
  }

  setArtifacts(artifacts: SimulatedArtifact[]): void {
    this.artifacts = [...artifacts];
  }

  /** The defaults, changed by what is given (not added to the previous style). */
  setStyle(style: Partial<AnswerStyle>): void {
    this.style = { ...DEFAULT_STYLE, ...style };
  }

  /** Every answer waits this long first. */
  setDelay(ms: number): void {
    this.delayMs = ms;
  }

  setFault(fault: Fault | undefined): void {
    this.fault = fault;
  }

  /** Every token issued so far stops working, as after a revocation. */
  revokeTokens(): void {
    this.tokens.clear();
  }

  tokenRequestCount(): number {
    return this.requests.filter((request) => request.path === "/oauth/token").length;
  }

  async close(): Promise<void> {
    for (const release of this.waiting) release();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", this.url);
    const path = decodeURIComponent(url.pathname);
    const authorization = request.headers.authorization ?? "";
    this.requests.push({
      method: request.method ?? "",
      path,
      query: Object.fromEntries(url.searchParams),
      authorization: /^basic /i.test(authorization) ? "basic" : /^bearer /i.test(authorization) ? "bearer" : "none",
      accept: request.headers.accept,
      contentType: request.headers["content-type"],
    });
    const body = await readBody(request);
    if (this.delayMs > 0) await this.wait(this.delayMs);
    if (response.destroyed) return;

    const kind = path === "/oauth/token" ? "token" : "api";
    const fault = this.fault?.on === kind ? this.fault : undefined;
    if (fault && "drop" in fault) {
      request.socket.destroy();
      return;
    }
    if (fault) {
      response.writeHead(fault.status, { "Content-Type": fault.contentType ?? "text/plain" }).end(fault.body ?? "");
      return;
    }
    if (kind === "token") return this.token(request, url, body, response);
    if (!path.startsWith("/api/v1/"))
      return sendError(response, 404, "Not Found", `Resource not found for the segment '${path}'.`, true);
    this.api(request, url, path.slice("/api/v1".length), response);
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const release = () => {
        clearTimeout(timer);
        this.waiting.delete(release);
        resolve();
      };
      const timer = setTimeout(release, ms);
      this.waiting.add(release);
    });
  }

  /** `POST <tokenurl>` with client credentials as HTTP Basic; grant_type in the query (§1.2) or the form body. */
  private token(request: IncomingMessage, url: URL, body: string, response: ServerResponse): void {
    if (request.method !== "POST") return void response.writeHead(405, { Allow: "POST" }).end();
    const grantType = url.searchParams.get("grant_type") ?? new URLSearchParams(body).get("grant_type");
    const basic = /^Basic (.+)$/i.exec(request.headers.authorization ?? "")?.[1];
    const decoded = basic ? Buffer.from(basic, "base64").toString("utf8") : "";
    const colon = decoded.indexOf(":");
    const [clientId, clientSecret] = colon < 0 ? ["", ""] : [decoded.slice(0, colon), decoded.slice(colon + 1)];
    const json = { "Content-Type": "application/json;charset=UTF-8" };
    if (clientId !== this.credentials.clientId || clientSecret !== this.credentials.clientSecret) {
      return void response
        .writeHead(401, json)
        .end(JSON.stringify({ error: "unauthorized", error_description: "Bad credentials" }));
    }
    if (grantType !== "client_credentials") {
      return void response.writeHead(400, json).end(
        JSON.stringify({
          error: "unsupported_grant_type",
          error_description: `Unsupported grant type: ${grantType}`,
        }),
      );
    }
    const token = randomBytes(32).toString("base64url");
    this.tokens.set(token, Date.now() + this.style.tokenLifetimeSeconds * 1000);
    response
      .writeHead(200, json)
      .end(JSON.stringify({ access_token: token, token_type: "bearer", expires_in: this.style.tokenLifetimeSeconds }));
  }

  private api(request: IncomingMessage, url: URL, path: string, response: ServerResponse): void {
    const wantsJson =
      /application\/json/.test(request.headers.accept ?? "") || url.searchParams.get("$format") === "json";
    if (request.method !== "GET")
      return sendError(response, 405, "Method Not Allowed", "The request method is not supported.", wantsJson);
    const token = /^Bearer (.+)$/i.exec(request.headers.authorization ?? "")?.[1];
    const expiresAt = token ? this.tokens.get(token) : undefined;
    // 401 with no body: the reference leaves it unspecified (§4).
    if (expiresAt === undefined || expiresAt <= Date.now())
      return void response.writeHead(401, { "WWW-Authenticate": 'Bearer realm="api"' }).end();
    if (!this.roles.has(READ_ROLE))
      return sendError(
        response,
        403,
        "Forbidden",
        "Access is denied: the user lacks the required permissions.",
        wantsJson,
      );

    if (path === "/KeystoreEntries") return this.keystoreList(url, response, wantsJson);
    if (path === "/IntegrationRuntimeArtifacts") return this.artifactList(url, response, wantsJson);
    const match = ENTRY.exec(path);
    if (!match)
      return sendError(response, 404, "Not Found", `Resource not found for the segment '${path.slice(1)}'.`, wantsJson);
    const [, hexAlias = "", download] = match;
    // Either case in the URL (§2.1); the stored key is uppercase.
    const alias = /^(?:[0-9A-Fa-f]{2})+$/.test(hexAlias)
      ? new TextDecoder("utf-8", { fatal: true }).decode(Buffer.from(hexAlias, "hex"))
      : undefined;
    if (alias === undefined)
      return sendError(response, 400, "Bad Request", `The alias '${hexAlias}' is not hex-encoded UTF-8.`, wantsJson);
    const entry = this.entries.get(hexAlias.toUpperCase());
    if (!entry) return sendError(response, 404, "Not Found", `Alias '${alias}' not found in the keystore`, wantsJson);
    if (download === "/Certificate/$value") {
      const pem = this.style.certificate === "pem";
      return void response
        .writeHead(200, { "Content-Type": "application/pkix-cert" })
        .end(pem ? toPem(entry.certificate) : entry.certificate);
    }
    if (download === "/ChainResource/$value") {
      const chain = entry.chain ?? [entry.certificate];
      return void response
        .writeHead(200, { "Content-Type": "application/pkcs7-mime" })
        .end(this.style.chain === "pem" ? buildPkcs7(chain, "pem") : buildPkcs7(chain, "der"));
    }
    this.send(response, wantsJson, this.entryView(entry));
  }

  private keystoreList(url: URL, response: ServerResponse, wantsJson: boolean): void {
    const all = [...this.entries.values()].map((entry) => this.entryView(entry));
    const pageSize = this.style.keystorePageSize;
    if (!pageSize) return this.send(response, wantsJson, all);
    const start = Number(url.searchParams.get("$skiptoken") ?? 0);
    const next =
      start + pageSize < all.length ? `${this.url}/api/v1/KeystoreEntries?$skiptoken=${start + pageSize}` : undefined;
    this.send(response, wantsJson, all.slice(start, start + pageSize), next);
  }

  /** `$top` and `$skip` are honoured, pages capped at 1000 (§3, §5.11). */
  private artifactList(url: URL, response: ServerResponse, wantsJson: boolean): void {
    const top = Math.min(Number(url.searchParams.get("$top") ?? MAX_PAGE), MAX_PAGE);
    const skip = Number(url.searchParams.get("$skip") ?? 0);
    if (!Number.isInteger(top) || top < 0 || !Number.isInteger(skip) || skip < 0)
      return sendError(response, 400, "Bad Request", "Invalid $top or $skip.", wantsJson);
    const page = this.artifacts.slice(skip, skip + top).map((artifact) => this.artifactView(artifact));
    this.send(response, wantsJson, page);
  }

  private entryView(entry: StoredEntry): Record<string, Value> {
    const hexAlias = this.style.hexAliasCase === "upper" ? entry.hexAlias : entry.hexAlias.toLowerCase();
    const uri = `${this.url}/api/v1/KeystoreEntries('${hexAlias}')`;
    return {
      __metadata: metadata(uri, "com.sap.hci.api.KeystoreEntry"),
      Hexalias: hexAlias,
      ...entry.properties,
      ChainCertificates: { __deferred: { uri: `${uri}/ChainCertificates` } },
    };
  }

  private artifactView(artifact: SimulatedArtifact): Record<string, Value> {
    const uri = `${this.url}/api/v1/IntegrationRuntimeArtifacts('${artifact.id}')`;
    return {
      __metadata: {
        ...metadata(uri, "com.sap.hci.api.IntegrationRuntimeArtifact"),
        content_type: "application/octet-stream",
        media_src: `${uri}/$value`,
        edit_media: `${uri}/$value`,
      },
      Id: artifact.id,
      Version: artifact.version ?? "1.0.0",
      Name: artifact.name ?? artifact.id,
      Type: "INTEGRATION_FLOW",
      DeployedBy: artifact.deployedBy ?? this.credentials.clientId,
      DeployedOn:
        this.style.deployedOn === "iso-local"
          ? artifact.deployedOn.toISOString().replace(/Z$/, "")
          : artifact.deployedOn,
      Status: artifact.status ?? "STARTED",
      ErrorInformation: { __deferred: { uri: `${uri}/ErrorInformation` } },
    };
  }

  /** `{"d":{"results":[…]}}` or `{"d":{…}}` in JSON (§2.3), Atom XML when JSON was not asked for (§0). */
  private send(
    response: ServerResponse,
    wantsJson: boolean,
    content: Record<string, Value> | Record<string, Value>[],
    next?: string,
  ): void {
    if (!wantsJson)
      return void response.writeHead(200, { "Content-Type": "application/atom+xml;charset=utf-8" }).end(atom(content));
    const d = Array.isArray(content)
      ? { results: content.map(jsonDates), ...(next ? { __next: next } : {}) }
      : jsonDates(content);
    const text = JSON.stringify({ d });
    response
      .writeHead(200, { "Content-Type": "application/json;charset=utf-8" })
      .end(this.style.escapeSlashes ? text.replace(/\//g, "\\/") : text);
  }
}

/** The fields a tenant derives from the certificate itself (§2.4). */
function entryProperties(entry: SimulatedEntry): Record<string, Value> {
  const certificate = new x509.X509Certificate(new Uint8Array(entry.certificate));
  const key = new NodeCertificate(entry.certificate).publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  const algorithm = certificate.signatureAlgorithm as { name: string; hash?: { name: string } };
  const hash = algorithm.hash?.name.replace("-", "") ?? "";
  const fingerprint = (name: string) =>
    (createHash(name).update(entry.certificate).digest("hex").toUpperCase().match(/../g) ?? []).join(":");
  const modified = entry.lastModified ?? new Date("2026-05-01T08:00:00Z");
  return {
    Alias: entry.alias,
    KeyType: key.asymmetricKeyType === "ec" ? "EC" : (key.asymmetricKeyType ?? "").toUpperCase(),
    KeySize: details.modulusLength ?? CURVE_BITS[details.namedCurve ?? ""] ?? null,
    ValidNotBefore: certificate.notBefore,
    ValidNotAfter: certificate.notAfter,
    SerialNumber: `0x${BigInt(`0x${certificate.serialNumber}`).toString(16).toUpperCase()}`,
    SignatureAlgorithm:
      algorithm.name === "ECDSA"
        ? `${hash}withECDSA`
        : algorithm.name === "RSASSA-PKCS1-v1_5"
          ? `${hash}withRSA`
          : algorithm.name,
    EllipticCurve: details.namedCurve ?? null,
    Validity: null,
    SubjectDN: certificate.subject,
    IssuerDN: certificate.issuer,
    Version: 3,
    FingerprintSha1: fingerprint("sha1"),
    FingerprintSha256: fingerprint("sha256"),
    FingerprintSha512: fingerprint("sha512"),
    Type: entry.type ?? "Certificate",
    Owner: entry.owner ?? "Tenant Administrator",
    LastModifiedBy: "tenant.admin@demo.test",
    LastModifiedTime: modified,
    CreatedBy: "tenant.admin@demo.test",
    CreatedTime: modified,
  };
}

function metadata(uri: string, type: string): Record<string, string> {
  return { id: uri, uri, type };
}

/** OData V2 JSON dates: `/Date(ms)/` (§2.3). */
function jsonDates(entity: Record<string, Value>): Record<string, Value> {
  return Object.fromEntries(
    Object.entries(entity).map(([name, value]) => [name, value instanceof Date ? `/Date(${value.getTime()})/` : value]),
  );
}

/** OData V2 error body (§4): `code` is the reason phrase. */
function sendError(response: ServerResponse, status: number, code: string, message: string, wantsJson: boolean): void {
  if (!wantsJson) {
    const xml = `<?xml version="1.0" encoding="utf-8"?><error xmlns="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata"><code>${escapeXml(code)}</code><message xml:lang="en">${escapeXml(message)}</message></error>`;
    return void response.writeHead(status, { "Content-Type": "application/xml;charset=utf-8" }).end(xml);
  }
  response
    .writeHead(status, { "Content-Type": "application/json;charset=utf-8" })
    .end(JSON.stringify({ error: { code, message: { lang: "en", value: message } } }));
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

/** Minimal Atom rendering (`<m:properties>`), the default when JSON is not asked for; dates are ISO there (§2.3). */
function atom(content: Record<string, Value> | Record<string, Value>[]): string {
  const namespaces = `xmlns="http://www.w3.org/2005/Atom" xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata" xmlns:d="http://schemas.microsoft.com/ado/2007/08/dataservices"`;
  const property = ([name, value]: [string, Value]) =>
    value === null
      ? `<d:${name} m:null="true"/>`
      : value instanceof Date
        ? `<d:${name}>${value.toISOString()}</d:${name}>`
        : typeof value === "object"
          ? ""
          : `<d:${name}>${escapeXml(String(value))}</d:${name}>`;
  const entry = (entity: Record<string, Value>, attributes = "") =>
    `<entry${attributes}><content type="application/xml"><m:properties>${Object.entries(entity).map(property).join("")}</m:properties></content></entry>`;
  const xml = Array.isArray(content)
    ? `<feed ${namespaces}>${content.map((entity) => entry(entity)).join("")}</feed>`
    : entry(content, ` ${namespaces}`);
  return `<?xml version="1.0" encoding="utf-8"?>${xml}`;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
