import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Auth, customFetch, type AuthConfig } from "@auth/core";
import type { OIDCConfig } from "@auth/core/providers";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { startOidcProvider, type OidcTestProvider } from "../../support/oidc/provider";
import { Browserless } from "../../support/oidc/browserless";

/**
 * What the installed Auth.js (@auth/core behind next-auth 5.0.0-beta.32) does with each misbehaviour of a real
 * OpenID Provider, with nothing of the app in between: @auth/core's Auth() served on loopback at /auth, JWT sessions,
 * pages.error = /signin/error, pages.signIn = /signin. These pin down the behaviour the app must build on.
 */

const CLIENT_ID = "renewal-desk";
const CLIENT_SECRET = "test-secret-0123456789abcdef";

interface Logged {
  type: string;
  message: string;
  cause: string;
}

let op: OidcTestProvider;
let appServer: Server;
let origin: string;
let config: AuthConfig;
const logged: Logged[] = [];

/** The company provider as the app might configure it; `checks` left out shows Auth.js's default. */
function company(extra: Partial<OIDCConfig<Record<string, unknown>>> = {}): OIDCConfig<Record<string, unknown>> {
  return {
    id: "company",
    name: "Acme",
    type: "oidc",
    issuer: op.issuer,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    checks: ["pkce", "state", "nonce"],
    ...extra,
  };
}

function configure(provider: OIDCConfig<Record<string, unknown>>, callbacks: AuthConfig["callbacks"] = {}): void {
  config = {
    providers: [provider],
    secret: "authjs-behaviour-test-secret",
    trustHost: true,
    basePath: "/auth",
    session: { strategy: "jwt" },
    pages: { signIn: "/signin", error: "/signin/error" },
    callbacks,
    logger: {
      error(error: Error) {
        const cause = (error.cause as { err?: Error } | undefined)?.err ?? error.cause;
        logged.push({
          type: (error as Error & { type?: string }).type ?? error.name,
          message: error.message,
          cause: cause instanceof Error ? cause.message : "",
        });
      },
      warn: () => undefined,
      debug: () => undefined,
    },
  };
}

beforeAll(async () => {
  appServer = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", origin);
    if (!url.pathname.startsWith("/auth/")) {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const response = await Auth(
      new Request(url, { method: req.method, headers, body: hasBody ? Buffer.concat(chunks) : undefined }),
      config,
    );
    const outgoing: Record<string, string | string[]> = {};
    response.headers.forEach((value, name) => {
      if (name !== "set-cookie") outgoing[name] = value;
    });
    outgoing["set-cookie"] = response.headers.getSetCookie();
    res.writeHead(response.status, outgoing).end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => appServer.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(appServer.address() as AddressInfo).port}`;
  op = await startOidcProvider({
    clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [`${origin}/auth/callback/company`] }],
    users: [
      { sub: "alice-0001", email: "alice@acme.example", name: "Alice Archer" },
      { sub: "carol-0003", email: "carol@acme.example", email_verified: false },
    ],
  });
  op.nextLogin("alice-0001");
});

afterEach(async () => {
  await op.behave();
  op.nextLogin("alice-0001");
  logged.length = 0;
});

afterAll(async () => {
  await op?.stop();
  await new Promise<void>((resolve) => appServer?.close(() => resolve()));
});

/** The sign-in button: CSRF token, then POST /auth/signin/company; returns the redirect Auth.js answers with. */
async function startSignIn(browser: Browserless): Promise<URL> {
  const csrf = (await (await browser.request(`${origin}/auth/csrf`)).json()) as { csrfToken: string };
  const response = await browser.request(`${origin}/auth/signin/company`, {
    method: "POST",
    body: new URLSearchParams({ csrfToken: csrf.csrfToken, callbackUrl: `${origin}/dashboard` }),
  });
  expect(response.status).toBe(302);
  return new URL(response.headers.get("location")!);
}

/** The whole dance; returns where the browser lands back in the app (outside /auth). */
async function signIn(browser = new Browserless()): Promise<URL> {
  const toProvider = await startSignIn(browser);
  const walked = await browser.walk(toProvider, (url) => url.origin === origin && !url.pathname.startsWith("/auth/"));
  return walked.url;
}

async function sessionEmail(browser: Browserless): Promise<string | undefined> {
  const session = (await (await browser.request(`${origin}/auth/session`)).json()) as {
    user?: { email?: string };
  } | null;
  return session?.user?.email;
}

function pathAndQuery(url: URL): string {
  return `${url.pathname}${url.search}`;
}

describe('Auth.js with a type: "oidc" provider', () => {
  it("signs in through the test provider", async () => {
    configure(company());
    const browser = new Browserless();
    expect(pathAndQuery(await signIn(browser))).toBe("/dashboard");
    expect(await sessionEmail(browser)).toBe("alice@acme.example");
  });

  it("sends only PKCE by default; state and nonce only when listed in checks", async () => {
    configure(company({ checks: undefined }));
    const bare = await startSignIn(new Browserless());
    expect(bare.searchParams.get("code_challenge_method")).toBe("S256");
    expect(bare.searchParams.has("state")).toBe(false);
    expect(bare.searchParams.has("nonce")).toBe(false);
    expect(bare.searchParams.get("scope")).toBe("openid profile email");
    configure(company());
    const full = await startSignIn(new Browserless());
    expect(full.searchParams.has("state")).toBe(true);
    expect(full.searchParams.has("nonce")).toBe(true);
  });

  it("fetches the discovery document again at every sign-in start and every callback (no cache)", async () => {
    configure(company());
    const discoveries = () => op.requests.filter((line) => line === "GET /.well-known/openid-configuration").length;
    const before = discoveries();
    await signIn();
    await signIn();
    expect(discoveries() - before).toBe(4);
  });

  it("ACCEPTS an ID token signed with a key that is not published (no signature check on the token endpoint path)", async () => {
    configure(company());
    await op.misbehave({ idToken: "wrong-key" });
    const browser = new Browserless();
    expect(pathAndQuery(await signIn(browser))).toBe("/dashboard");
    expect(await sessionEmail(browser)).toBe("alice@acme.example");
  });

  it("ACCEPTS email_verified: false (Auth.js does not look at it)", async () => {
    configure(company());
    op.nextLogin("carol-0003");
    const browser = new Browserless();
    expect(pathAndQuery(await signIn(browser))).toBe("/dashboard");
    expect(await sessionEmail(browser)).toBe("carol@acme.example");
  });

  it.each([
    ["wrong-issuer", 'unexpected JWT "iss" (issuer) claim value'],
    ["expired", 'unexpected JWT "exp" (expiration time) claim value, expiration is past current timestamp'],
    ["wrong-nonce", 'unexpected ID Token "nonce" claim value'],
    ["wrong-audience", 'unexpected JWT "aud" (audience) claim value'],
  ] as const)("%s: pages.error?error=Configuration, logged as CallbackRouteError", async (fault, cause) => {
    configure(company());
    await op.misbehave({ idToken: fault });
    const browser = new Browserless();
    expect(pathAndQuery(await signIn(browser))).toBe("/signin/error?error=Configuration");
    expect(logged).toEqual([expect.objectContaining({ type: "CallbackRouteError", cause })]);
    expect(await sessionEmail(browser)).toBeUndefined();
  });

  it("a state that does not match its cookie: Configuration (CallbackRouteError); a missing state cookie: Configuration (InvalidCheck)", async () => {
    configure(company());
    const browser = new Browserless();
    const toProvider = await startSignIn(browser);
    const back = await browser.walk(toProvider, (url) => url.origin === origin);
    expect(back.url.pathname).toBe("/auth/callback/company");
    const forged = new URL(back.url);
    forged.searchParams.set("state", "forged");
    const answer = await browser.request(forged);
    expect(pathAndQuery(new URL(answer.headers.get("location")!))).toBe("/signin/error?error=Configuration");
    expect(logged).toEqual([
      expect.objectContaining({ type: "CallbackRouteError", cause: 'unexpected "state" response parameter value' }),
    ]);

    logged.length = 0;
    const other = new Browserless();
    const fresh = await other.walk(await startSignIn(other), (url) => url.origin === origin);
    const withoutCookies = await fetch(fresh.url, { redirect: "manual" });
    expect(pathAndQuery(new URL(withoutCookies.headers.get("location")!))).toBe("/signin/error?error=Configuration");
    expect(logged).toEqual([
      expect.objectContaining({
        type: "InvalidCheck",
        message: expect.stringMatching(/^state value could not be parsed/),
        cause: expect.stringMatching(/^state cookie was missing/),
      }),
    ]);
  });

  it("the provider refusing the person (access_denied): pages.signIn?error=OAuthCallbackError", async () => {
    configure(company());
    op.nextLogin(null);
    expect(pathAndQuery(await signIn())).toBe("/signin?error=OAuthCallbackError");
  });

  it("provider down at the sign-in start or at the callback: pages.error?error=Configuration", async () => {
    configure(company());
    await op.misbehave({ outage: "refused" });
    const browser = new Browserless();
    const csrf = (await (await browser.request(`${origin}/auth/csrf`)).json()) as { csrfToken: string };
    const start = await browser.request(`${origin}/auth/signin/company`, {
      method: "POST",
      body: new URLSearchParams({ csrfToken: csrf.csrfToken }),
    });
    expect(pathAndQuery(new URL(start.headers.get("location")!))).toBe("/signin/error?error=Configuration");
    expect(logged).toEqual([expect.objectContaining({ type: "TypeError", message: "fetch failed" })]);

    await op.behave();
    logged.length = 0;
    const toProvider = await startSignIn(browser);
    const back = await browser.walk(toProvider, (url) => url.origin === origin);
    await op.misbehave({ outage: "http-500" });
    const answer = await browser.request(back.url);
    expect(pathAndQuery(new URL(answer.headers.get("location")!))).toBe("/signin/error?error=Configuration");
    expect(logged).toEqual([expect.objectContaining({ type: "CallbackRouteError" })]);
  });
});

describe("Auth.js and a provider that misleads or hangs before the redirect", () => {
  async function startAnswer(): Promise<string> {
    const browser = new Browserless();
    const csrf = (await (await browser.request(`${origin}/auth/csrf`)).json()) as { csrfToken: string };
    const start = await browser.request(`${origin}/auth/signin/company`, {
      method: "POST",
      body: new URLSearchParams({ csrfToken: csrf.csrfToken }),
    });
    return pathAndQuery(new URL(start.headers.get("location")!));
  }

  it("a discovery document naming another issuer: pages.error?error=Configuration", async () => {
    configure(company());
    await op.misbehave({ discovery: "wrong-issuer" });
    expect(await startAnswer()).toBe("/signin/error?error=Configuration");
    expect(logged).toEqual([
      expect.objectContaining({
        type: "OperationProcessingError",
        message: '"response" body "issuer" property does not match the expected value',
      }),
    ]);
  });

  it("a hanging provider is only given up on with a [customFetch] that has a timeout (oauth4webapi sets none)", async () => {
    configure(
      company({
        [customFetch]: (input: string | URL | Request, init?: RequestInit) =>
          fetch(input, { ...init, signal: AbortSignal.timeout(300) }),
      }),
    );
    await op.misbehave({ outage: "hang" });
    expect(await startAnswer()).toBe("/signin/error?error=Configuration");
    expect(logged).toEqual([expect.objectContaining({ type: "TimeoutError" })]);
  });
});

describe("a signIn callback closing the gaps with a library (jose), as the app could", () => {
  function guarded() {
    const jwks = createRemoteJWKSet(new URL(op.jwksUri));
    configure(company({ allowDangerousEmailAccountLinking: true }), {
      async signIn({ account, profile }) {
        if (account?.type !== "oidc") return true;
        try {
          await jwtVerify(account.id_token ?? "", jwks, {
            issuer: op.issuer,
            audience: CLIENT_ID,
            algorithms: ["RS256"],
          });
        } catch {
          return "/signin/error?error=OidcTokenSignature";
        }
        if (profile?.email_verified !== true) return "/signin/error?error=OidcEmailNotVerified";
        if (!String(profile.email).toLowerCase().endsWith("@acme.example"))
          return "/signin/error?error=OidcDomainNotAuthoritative";
        return true;
      },
    });
  }

  it("still signs in a good token", async () => {
    guarded();
    expect(pathAndQuery(await signIn())).toBe("/dashboard");
  });

  it("turns a wrong key into its own error code, without a session", async () => {
    guarded();
    await op.misbehave({ idToken: "wrong-key" });
    const browser = new Browserless();
    expect(pathAndQuery(await signIn(browser))).toBe("/signin/error?error=OidcTokenSignature");
    expect(await sessionEmail(browser)).toBeUndefined();
  });

  it("turns email_verified: false into its own error code", async () => {
    guarded();
    op.nextLogin("carol-0003");
    expect(pathAndQuery(await signIn())).toBe("/signin/error?error=OidcEmailNotVerified");
  });

  it("turns a domain the provider is not authoritative for into its own error code", async () => {
    guarded();
    op.addUser({ sub: "mallory-0009", email: "mallory@elsewhere.example" });
    op.nextLogin("mallory-0009");
    expect(pathAndQuery(await signIn())).toBe("/signin/error?error=OidcDomainNotAuthoritative");
    op.removeUser("mallory-0009");
  });
});
