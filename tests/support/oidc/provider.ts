import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { randomBytes } from "node:crypto";
import Provider, { interactionPolicy, type Account, type InteractionResults, type KoaContext } from "oidc-provider";
import { SignJWT, decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, type CryptoKey, type JWK } from "jose";

/**
 * A real, certified OpenID Provider (oidc-provider 9) on http://127.0.0.1:<free port>, for tests.
 *
 * - Confidential clients (client_secret_basic, code flow), PKCE required for every client, RP-initiated logout on.
 * - No login or consent pages: whoever the test named with nextLogin() signs in, and the consent is granted.
 *   Unless `rememberLogin` is set, every authorization request asks again (so nextLogin() always decides,
 *   even when a browser still holds the provider's session cookie).
 * - Misbehaviour, switched at run time with misbehave() and back with behave(). ID token faults are made by a
 *   middleware placed in front of oidc-provider's own routes: it takes the genuine token response and re-signs its
 *   id_token after the change (no separate proxy or port). Outages are made one level lower, in the HTTP server.
 * - Nothing here contacts any other host; the provider's own pages are replaced by plain ones without web fonts.
 */

export interface TestUser {
  sub: string;
  email: string;
  /** Defaults to true. */
  email_verified?: boolean;
  name?: string;
}

export interface TestClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
}

export type IdTokenFault =
  /** Signed with a key that is not in the published JWKS, under the published key's kid: only a signature check notices. */
  | "wrong-key"
  /** Signed with a key that is not published, under a kid that is not published either. */
  | "unknown-key"
  /** `iss` differs from the issuer in the discovery document. */
  | "wrong-issuer"
  /** `aud` is another client. */
  | "wrong-audience"
  /** Issued two hours ago, expired an hour ago (well past any clock tolerance). */
  | "expired"
  /** `nonce` is not the one the client sent. */
  | "wrong-nonce";

export type Outage =
  /** Every request is answered 500 with a plain-text body. */
  | "http-500"
  /** Every connection is closed without an answer (fetch: "fetch failed", cause ECONNRESET / socket closed). */
  | "connection-reset"
  /** Requests are accepted and never answered, until behave() or stop(). */
  | "hang"
  /** Nothing listens on the port any more (ECONNREFUSED); behave() listens again on the same port. */
  | "refused";

export interface Faults {
  idToken?: IdTokenFault;
  /** The discovery document names another issuer than the one it is served from. */
  discovery?: "wrong-issuer";
  /** `email_verified: false` for every user, whatever the user store says. */
  emailVerified?: false;
  outage?: Outage;
}

export interface OidcProviderOptions {
  clients: TestClient[];
  users?: TestUser[];
  /** A fixed port (for a browser test whose app must know the issuer up front); default: a free one. */
  port?: number;
  /** Put email, email_verified and name in the ID token (default), or only in the userinfo response. */
  claimsInIdToken?: boolean;
  /** Let the provider's session cookie skip the login (single sign-on) instead of asking nextLogin() every time. */
  rememberLogin?: boolean;
}

export interface OidcTestProvider {
  /** http://127.0.0.1:<port>, exactly as in the discovery document (no trailing slash). */
  readonly issuer: string;
  readonly discoveryUrl: string;
  readonly jwksUri: string;
  readonly endSessionEndpoint: string;
  /** The kid of the published signing key. */
  readonly signingKid: string;
  /** "METHOD /path" of every request that reached the server, in order (including those an outage answered). */
  readonly requests: string[];
  /** The subs signed in through an interaction, in order. */
  readonly logins: string[];
  /** How many RP-initiated logouts were completed (end_session.success). */
  readonly signOuts: number;
  addUser(user: TestUser): void;
  updateUser(sub: string, change: Partial<Omit<TestUser, "sub">>): void;
  /** The person is gone at the provider: they cannot sign in any more (access_denied). */
  removeUser(sub: string): void;
  /** Who signs in at the following authorization requests (sticky); null: nobody, the interaction ends in access_denied. */
  nextLogin(sub: string | null): void;
  /** Replaces the current faults with these. */
  misbehave(faults: Faults): Promise<void>;
  /** Clears every fault (and answers again after an outage). */
  behave(): Promise<void>;
  stop(): Promise<void>;
}

const INTERACTION_PATH = /^\/interaction\/([A-Za-z0-9_-]+)$/;

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startOidcProvider(options: OidcProviderOptions): Promise<OidcTestProvider> {
  const users = new Map<string, TestUser>((options.users ?? []).map((user) => [user.sub, { ...user }]));
  let loginAs: string | null = null;
  let faults: Faults = {};
  const requests: string[] = [];
  const logins: string[] = [];
  let signOuts = 0;

  const signingKid = `harness-${randomBytes(4).toString("hex")}`;
  const signing = await generateKeyPair("RS256", { extractable: true });
  const rogue = await generateKeyPair("RS256", { extractable: true });
  const signingJwk: JWK = { ...(await exportJWK(signing.privateKey)), kid: signingKid, alg: "RS256", use: "sig" };

  // The server is listening before the provider exists: the issuer must carry the real port.
  const sockets = new Set<Socket>();
  const hanging = new Set<ServerResponse>();
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${new URL(req.url ?? "/", "http://127.0.0.1").pathname}`);
    switch (faults.outage) {
      case "http-500":
        res.writeHead(500, { "content-type": "text/plain; charset=utf-8" }).end("Internal Server Error");
        return;
      case "connection-reset":
        req.socket.destroy();
        return;
      case "hang":
        hanging.add(res);
        return;
      default:
        handle(req, res);
    }
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  server.keepAliveTimeout = 1_000;
  const port = await listen(server, options.port ?? 0);
  const issuer = `http://127.0.0.1:${port}`;

  function claimsOf(user: TestUser) {
    const emailVerified = faults.emailVerified === false ? false : (user.email_verified ?? true);
    return {
      sub: user.sub,
      email: user.email,
      email_verified: emailVerified,
      ...(user.name ? { name: user.name } : {}),
    };
  }

  const policy = interactionPolicy.base();
  if (!options.rememberLogin) {
    policy
      .get("login")
      ?.checks.add(
        new interactionPolicy.Check(
          "harness_login",
          "the test harness decides who signs in at every authorization",
          (ctx) =>
            ctx.oidc.result?.login ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT,
        ),
      );
  }

  const provider = new Provider(issuer, {
    clients: options.clients.map((client) => ({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      redirect_uris: client.redirectUris,
      post_logout_redirect_uris: client.postLogoutRedirectUris ?? [],
      response_types: ["code"],
      grant_types: ["authorization_code", "refresh_token"],
      token_endpoint_auth_method: "client_secret_basic",
    })),
    jwks: { keys: [signingJwk] },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // oidc-provider's default (true) keeps scope-requested claims out of ID tokens issued at the token endpoint.
    conformIdTokenClaims: options.claimsInIdToken === false,
    pkce: { required: () => true },
    // Refresh tokens for every client allowed the grant (as Entra ID or SAP Cloud Identity Services give them with
    // offline access): the app uses them to learn that a person was removed. A refresh for a removed user fails
    // with invalid_grant, because findAccount no longer finds them.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed("refresh_token"),
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx: KoaContext, form: string) {
          ctx.type = "html";
          ctx.body = page(
            "Sign out of the test provider?",
            `${form}<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button><button type="submit" form="op.logoutForm">No, stay signed in</button>`,
          );
        },
        async postLogoutSuccessSource(ctx: KoaContext) {
          ctx.type = "html";
          ctx.body = page("Signed out of the test provider", "");
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}`, policy },
    async findAccount(_ctx, sub): Promise<Account | undefined> {
      if (!users.has(sub)) return undefined;
      return {
        accountId: sub,
        // Read at issue time, so a change to the store or the faults applies to the next token.
        claims: () => {
          const current = users.get(sub);
          if (!current) throw new Error(`user ${sub} was removed at the provider`);
          return claimsOf(current);
        },
      };
    },
    async renderError(ctx, out) {
      ctx.type = "html";
      ctx.body = page(
        "The test provider could not go on",
        Object.entries(out)
          .map(([key, value]) => `<p><strong>${escapeHtml(key)}</strong>: ${escapeHtml(String(value))}</p>`)
          .join(""),
      );
    },
    clientBasedCORS: () => false,
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 600,
      Interaction: 600,
      Session: 3_600,
      Grant: 3_600,
      RefreshToken: 3_600,
    },
  });

  provider.on("end_session.success", () => {
    signOuts += 1;
  });
  provider.on("server_error", (_ctx, error) => {
    console.error("[oidc-test-provider] server_error", error);
  });

  async function tamper(idToken: string, fault: IdTokenFault): Promise<string> {
    const header = decodeProtectedHeader(idToken);
    const claims = { ...decodeJwt(idToken) };
    const now = Math.floor(Date.now() / 1000);
    let key: CryptoKey = signing.privateKey;
    let kid = signingKid;
    switch (fault) {
      case "wrong-key":
        key = rogue.privateKey;
        break;
      case "unknown-key":
        key = rogue.privateKey;
        kid = "not-published";
        break;
      case "wrong-issuer":
        claims.iss = `${issuer}/impostor`;
        break;
      case "wrong-audience":
        claims.aud = "another-client";
        break;
      case "expired":
        claims.iat = now - 7_200;
        claims.exp = now - 3_600;
        if (typeof claims.auth_time === "number") claims.auth_time = now - 7_200;
        break;
      case "wrong-nonce":
        claims.nonce = "not-the-nonce-you-sent";
        break;
    }
    return new SignJWT(claims).setProtectedHeader({ ...header, alg: "RS256", kid }).sign(key);
  }

  // Runs before oidc-provider's own routes (Provider#use puts it ahead of them).
  provider.use(async (ctx, next) => {
    const interaction = ctx.method === "GET" ? INTERACTION_PATH.exec(ctx.path) : null;
    if (!interaction) {
      await next();
      const body = ctx.body as Record<string, unknown> | undefined;
      if (ctx.path === "/token" && faults.idToken && typeof body?.id_token === "string") {
        ctx.body = { ...body, id_token: await tamper(body.id_token, faults.idToken) };
      }
      if (ctx.path === "/.well-known/openid-configuration" && faults.discovery === "wrong-issuer" && body) {
        ctx.body = { ...body, issuer: `${issuer}/impostor` };
      }
      return;
    }
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    let returnTo: string;
    if (details.prompt.name === "login") {
      const sub = loginAs;
      let result: InteractionResults;
      if (sub && users.has(sub)) {
        result = { login: { accountId: sub } };
        logins.push(sub);
      } else {
        result = {
          error: "access_denied",
          error_description: sub ? "this person is not known at the provider" : "nobody signs in (nextLogin)",
        };
      }
      returnTo = await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false });
    } else if (details.prompt.name === "consent") {
      const { missingOIDCScope, missingOIDCClaims, missingResourceScopes } = details.prompt.details;
      const grant = details.grantId
        ? ((await provider.Grant.find(details.grantId)) ??
          new provider.Grant({ accountId: details.session?.accountId, clientId: details.params.client_id }))
        : new provider.Grant({ accountId: details.session?.accountId, clientId: details.params.client_id });
      if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(" "));
      if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims);
      for (const [indicator, scopes] of Object.entries(missingResourceScopes ?? {}))
        grant.addResourceScope(indicator, scopes.join(" "));
      returnTo = await provider.interactionResult(
        ctx.req,
        ctx.res,
        { consent: { grantId: await grant.save() } },
        { mergeWithLastSubmission: true },
      );
    } else {
      returnTo = await provider.interactionResult(
        ctx.req,
        ctx.res,
        { error: "access_denied", error_description: `the harness does not handle the ${details.prompt.name} prompt` },
        { mergeWithLastSubmission: false },
      );
    }
    ctx.status = 303;
    ctx.redirect(returnTo);
  });

  handle = provider.callback();

  function releaseHanging() {
    for (const res of hanging) res.socket?.destroy();
    hanging.clear();
  }

  async function closeListener() {
    if (!server.listening) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    releaseHanging();
    for (const socket of sockets) socket.destroy();
    await closed;
  }

  async function applyOutage(next: Outage | undefined) {
    if (next !== "hang") releaseHanging();
    if (next === "refused") await closeListener();
    else if (!server.listening) await listen(server, port);
    // Keep-alive connections would otherwise carry on answering with the previous behaviour's first response.
    if (next === "http-500" || next === "connection-reset") for (const socket of sockets) socket.destroy();
  }

  const api: OidcTestProvider = {
    issuer,
    discoveryUrl: `${issuer}/.well-known/openid-configuration`,
    jwksUri: `${issuer}/jwks`,
    endSessionEndpoint: `${issuer}/session/end`,
    signingKid,
    requests,
    logins,
    get signOuts() {
      return signOuts;
    },
    addUser(user) {
      if (users.has(user.sub)) throw new Error(`user ${user.sub} already exists`);
      users.set(user.sub, { ...user });
    },
    updateUser(sub, change) {
      const user = users.get(sub);
      if (!user) throw new Error(`no user ${sub}`);
      users.set(sub, { ...user, ...change });
    },
    removeUser(sub) {
      if (!users.delete(sub)) throw new Error(`no user ${sub}`);
    },
    nextLogin(sub) {
      if (sub !== null && !users.has(sub)) throw new Error(`no user ${sub}`);
      loginAs = sub;
    },
    async misbehave(next) {
      faults = { ...next };
      await applyOutage(next.outage);
    },
    async behave() {
      faults = {};
      await applyOutage(undefined);
    },
    async stop() {
      faults = {};
      await closeListener();
    },
  };
  return api;
}
