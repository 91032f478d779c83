import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as o from "oauth4webapi";
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, errors as joseErrors, jwtVerify } from "jose";
import { startOidcProvider, type OidcTestProvider } from "../../support/oidc/provider";
import { Browserless } from "../../support/oidc/browserless";

/**
 * The test OpenID Provider, driven by a relying party made of oauth4webapi (the library Auth.js runs, the same calls
 * in the same order as @auth/core/lib/actions/callback/oauth/callback.js) and jose (for the signature check Auth.js
 * does not make). Nothing is fetched at the redirect URIs (port 9 on loopback): each walk stops before them.
 */

const CLIENT_ID = "renewal-desk";
const CLIENT_SECRET = "test-secret-0123456789abcdef";
const REDIRECT_URI = "http://127.0.0.1:9/api/auth/callback/company";
const POST_LOGOUT_URI = "http://127.0.0.1:9/signin";
const client: o.Client = { client_id: CLIENT_ID };
const insecure = { [o.allowInsecureRequests]: true } as const;

let op: OidcTestProvider;

beforeAll(async () => {
  op = await startOidcProvider({
    clients: [
      {
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        redirectUris: [REDIRECT_URI],
        postLogoutRedirectUris: [POST_LOGOUT_URI],
      },
      {
        clientId: "other-app",
        clientSecret: "other-secret-0123456789abcdef",
        redirectUris: ["http://127.0.0.1:9/other/callback"],
      },
    ],
    users: [
      { sub: "alice-0001", email: "alice@acme.example", name: "Alice Archer" },
      { sub: "bob-0002", email: "bob@acme.example", name: "Bob Baker" },
      { sub: "carol-0003", email: "carol@elsewhere.example", email_verified: false },
    ],
  });
  op.nextLogin("alice-0001");
});

afterEach(async () => {
  await op.behave();
  op.nextLogin("alice-0001");
});

afterAll(async () => {
  await op?.stop();
});

async function discover(provider: OidcTestProvider = op): Promise<o.AuthorizationServer> {
  const issuer = new URL(provider.issuer);
  return o.processDiscoveryResponse(issuer, await o.discoveryRequest(issuer, insecure));
}

interface Attempt {
  state: string;
  nonce: string;
  verifier: string;
  /** The URL the provider sent the browser back to (redirect_uri?code=…&state=…&iss=…, or ?error=…). */
  callback: URL;
  browser: Browserless;
}

/** The browser's part: from the authorization request to the provider's redirect back to the client. */
async function authorize(
  as: o.AuthorizationServer,
  options: { browser?: Browserless; pkce?: boolean } = {},
): Promise<Attempt> {
  const browser = options.browser ?? new Browserless();
  const state = o.generateRandomState();
  const nonce = o.generateRandomNonce();
  const verifier = o.generateRandomCodeVerifier();
  const url = new URL(as.authorization_endpoint!);
  url.search = new URLSearchParams({
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    response_type: "code",
    scope: "openid profile email",
    state,
    nonce,
    ...(options.pkce === false
      ? {}
      : { code_challenge: await o.calculatePKCECodeChallenge(verifier), code_challenge_method: "S256" }),
  }).toString();
  const walked = await browser.walk(url, (next) => next.href.startsWith(`${REDIRECT_URI}?`));
  if (!walked.url.href.startsWith(`${REDIRECT_URI}?`)) {
    throw new Error(
      `the provider did not send the browser back: ${walked.response?.status} at ${walked.url}: ${await walked.response?.text()}`,
    );
  }
  return { state, nonce, verifier, callback: walked.url, browser };
}

/** The server's part up to the token response, unprocessed. */
async function exchange(as: o.AuthorizationServer, attempt: Attempt, verifier = attempt.verifier): Promise<Response> {
  const params = o.validateAuthResponse(as, client, attempt.callback, attempt.state);
  return o.authorizationCodeGrantRequest(
    as,
    client,
    o.ClientSecretBasic(CLIENT_SECRET),
    params,
    REDIRECT_URI,
    verifier,
    insecure,
  );
}

/** What Auth.js does with the token response for a provider of type "oidc" (callback.js:162-169). */
async function processLikeAuthJs(as: o.AuthorizationServer, response: Response, expectedNonce: string) {
  const tokens = await o.processAuthorizationCodeResponse(as, client, response, {
    expectedNonce,
    requireIdToken: true,
  });
  return { tokens, claims: o.getValidatedIdTokenClaims(tokens)! };
}

/** The signature check to add on top: jose against the published JWKS, with issuer and audience. */
function verifyWithJose(as: o.AuthorizationServer, idToken: string) {
  return jwtVerify(idToken, createRemoteJWKSet(new URL(as.jwks_uri!)), {
    issuer: as.issuer,
    audience: CLIENT_ID,
    algorithms: ["RS256"],
  });
}

type Failure = Error & { code?: string; cause?: unknown };

/** Fails the test unless `promise` rejects; returns what it rejected with. */
async function rejection(promise: Promise<unknown>): Promise<Failure> {
  const outcome: unknown = await promise.then(
    (value) => ({ resolvedWith: value }),
    (error: unknown) => error,
  );
  expect(outcome, "expected a rejection").toBeInstanceOf(Error);
  return outcome as Failure;
}

async function rawIdToken(response: Response): Promise<string> {
  const body = (await response.clone().json()) as { id_token?: unknown };
  expect(typeof body.id_token).toBe("string");
  return body.id_token as string;
}

describe("the test OpenID Provider", () => {
  it("publishes a discovery document with PKCE S256, userinfo, end-session and the iss response parameter", async () => {
    const as = await discover();
    expect(as.issuer).toBe(op.issuer);
    expect(op.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(as.code_challenge_methods_supported).toEqual(["S256"]);
    expect(as.end_session_endpoint).toBe(op.endSessionEndpoint);
    expect(as.jwks_uri).toBe(op.jwksUri);
    expect(as.userinfo_endpoint).toBe(`${op.issuer}/me`);
    expect(as.authorization_response_iss_parameter_supported).toBe(true);
    const jwks = (await (await fetch(op.jwksUri)).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kid: op.signingKid, kty: "RSA", use: "sig" });
    expect(jwks.keys[0]).not.toHaveProperty("d");
  });

  it("signs in the chosen user through code + PKCE + state + nonce, and the ID token validates", async () => {
    const as = await discover();
    const attempt = await authorize(as);
    expect(attempt.callback.searchParams.get("iss")).toBe(op.issuer);
    expect(attempt.callback.searchParams.get("state")).toBe(attempt.state);
    expect(attempt.callback.searchParams.get("code")).toMatch(/\S{20,}/);
    const response = await exchange(as, attempt);
    const { tokens, claims } = await processLikeAuthJs(as, response, attempt.nonce);
    expect(claims).toMatchObject({
      iss: op.issuer,
      aud: CLIENT_ID,
      sub: "alice-0001",
      nonce: attempt.nonce,
      email: "alice@acme.example",
      email_verified: true,
      name: "Alice Archer",
    });
    expect(claims.exp - claims.iat).toBe(600);
    await expect(o.validateApplicationLevelSignature(as, response, insecure)).resolves.toBeUndefined();
    const verified = await verifyWithJose(as, tokens.id_token!);
    expect(verified.protectedHeader).toMatchObject({ alg: "RS256", kid: op.signingKid });
    expect(verified.payload.sub).toBe("alice-0001");
    expect(op.logins.at(-1)).toBe("alice-0001");
  });

  it("asks again at every authorization, so nextLogin decides even in a browser that has a provider session", async () => {
    const as = await discover();
    const browser = new Browserless();
    const first = await authorize(as, { browser });
    expect((await processLikeAuthJs(as, await exchange(as, first), first.nonce)).claims.sub).toBe("alice-0001");
    expect(browser.jar.get("127.0.0.1", "_session")).toBeTruthy();
    op.nextLogin("bob-0002");
    const second = await authorize(as, { browser });
    const { claims } = await processLikeAuthJs(as, await exchange(as, second), second.nonce);
    expect(claims).toMatchObject({ sub: "bob-0002", email: "bob@acme.example" });
    expect(op.logins.slice(-2)).toEqual(["alice-0001", "bob-0002"]);
  });

  it("reports the store's email_verified, and can force email_verified: false", async () => {
    const as = await discover();
    op.nextLogin("carol-0003");
    const carol = await authorize(as);
    expect((await processLikeAuthJs(as, await exchange(as, carol), carol.nonce)).claims).toMatchObject({
      sub: "carol-0003",
      email: "carol@elsewhere.example",
      email_verified: false,
    });
    op.nextLogin("alice-0001");
    await op.misbehave({ emailVerified: false });
    const alice = await authorize(as);
    expect((await processLikeAuthJs(as, await exchange(as, alice), alice.nonce)).claims).toMatchObject({
      sub: "alice-0001",
      email_verified: false,
    });
  });

  it("reflects a changed user and refuses a person removed at the provider (access_denied)", async () => {
    const as = await discover();
    op.addUser({ sub: "dave-0004", email: "dave@acme.example" });
    op.nextLogin("dave-0004");
    op.updateUser("dave-0004", { email: "david@acme.example" });
    const before = await authorize(as);
    expect((await processLikeAuthJs(as, await exchange(as, before), before.nonce)).claims.email).toBe(
      "david@acme.example",
    );

    op.removeUser("dave-0004");
    const after = await authorize(as);
    expect(after.callback.searchParams.get("error")).toBe("access_denied");
    expect(after.callback.searchParams.get("error_description")).toBe("this person is not known at the provider");
    expect(() => o.validateAuthResponse(as, client, after.callback, after.state)).toThrow(o.AuthorizationResponseError);

    op.nextLogin(null);
    const nobody = await authorize(as);
    expect(nobody.callback.searchParams.get("error")).toBe("access_denied");
  });

  it("requires PKCE, and refuses a wrong code_verifier", async () => {
    const as = await discover();
    const withoutPkce = await authorize(as, { pkce: false });
    expect(withoutPkce.callback.searchParams.get("error")).toBe("invalid_request");
    expect(withoutPkce.callback.searchParams.get("error_description")).toMatch(/PKCE/);
    expect(withoutPkce.callback.searchParams.has("code")).toBe(false);

    const attempt = await authorize(as);
    const response = await exchange(as, attempt, o.generateRandomCodeVerifier());
    const failure = await rejection(processLikeAuthJs(as, response, attempt.nonce));
    expect(failure).toBeInstanceOf(o.ResponseBodyError);
    expect((failure as o.ResponseBodyError).error).toBe("invalid_grant");
  });

  it("a state or nonce other than the client's own is detected by oauth4webapi", async () => {
    const as = await discover();
    const attempt = await authorize(as);
    expect(() => o.validateAuthResponse(as, client, attempt.callback, o.generateRandomState())).toThrow(
      /unexpected "state" response parameter value/,
    );
    const failure = await rejection(processLikeAuthJs(as, await exchange(as, attempt), o.generateRandomNonce()));
    expect(failure.code).toBe(o.JWT_CLAIM_COMPARISON);
    expect(failure.cause).toMatchObject({ claim: "nonce" });
  });
});

describe("the test OpenID Provider misbehaving", () => {
  it("wrong key: oauth4webapi's token-endpoint path accepts it; only a signature check against the JWKS catches it", async () => {
    const as = await discover();
    await op.misbehave({ idToken: "wrong-key" });
    const attempt = await authorize(as);
    const response = await exchange(as, attempt);
    const idToken = await rawIdToken(response);
    expect(decodeProtectedHeader(idToken).kid).toBe(op.signingKid);
    // This is Auth.js's path: iss, aud, exp, nonce are checked, the signature is not (documented gap).
    const { claims } = await processLikeAuthJs(as, response, attempt.nonce);
    expect(claims.sub).toBe("alice-0001");
    const failure = await rejection(o.validateApplicationLevelSignature(as, response, insecure));
    expect(failure.message).toBe("JWT signature verification failed");
    expect(await rejection(verifyWithJose(as, idToken))).toBeInstanceOf(joseErrors.JWSSignatureVerificationFailed);
  });

  it("unknown key: no published key matches the kid", async () => {
    const as = await discover();
    await op.misbehave({ idToken: "unknown-key" });
    const attempt = await authorize(as);
    const response = await exchange(as, attempt);
    const idToken = await rawIdToken(response);
    await processLikeAuthJs(as, response, attempt.nonce);
    expect((await rejection(o.validateApplicationLevelSignature(as, response, insecure))).code).toBe(o.KEY_SELECTION);
    expect(await rejection(verifyWithJose(as, idToken))).toBeInstanceOf(joseErrors.JWKSNoMatchingKey);
  });

  it("wrong issuer in the ID token", async () => {
    const as = await discover();
    await op.misbehave({ idToken: "wrong-issuer" });
    const attempt = await authorize(as);
    const response = await exchange(as, attempt);
    const idToken = await rawIdToken(response);
    expect(decodeJwt(idToken).iss).toBe(`${op.issuer}/impostor`);
    const failure = await rejection(processLikeAuthJs(as, response, attempt.nonce));
    expect(failure.code).toBe(o.JWT_CLAIM_COMPARISON);
    expect(failure.cause).toMatchObject({ claim: "iss", expected: op.issuer });
    const joseFailure = await rejection(verifyWithJose(as, idToken));
    expect(joseFailure).toBeInstanceOf(joseErrors.JWTClaimValidationFailed);
    expect((joseFailure as joseErrors.JWTClaimValidationFailed).claim).toBe("iss");
  });

  it("wrong issuer in the discovery document", async () => {
    await op.misbehave({ discovery: "wrong-issuer" });
    const issuer = new URL(op.issuer);
    const failure = await rejection(
      o.discoveryRequest(issuer, insecure).then((response) => o.processDiscoveryResponse(issuer, response)),
    );
    expect(failure.code).toBe(o.JSON_ATTRIBUTE_COMPARISON);
    expect(failure.cause).toMatchObject({ attribute: "issuer" });
  });

  it("wrong audience", async () => {
    const as = await discover();
    await op.misbehave({ idToken: "wrong-audience" });
    const attempt = await authorize(as);
    const failure = await rejection(processLikeAuthJs(as, await exchange(as, attempt), attempt.nonce));
    expect(failure.code).toBe(o.JWT_CLAIM_COMPARISON);
    expect(failure.cause).toMatchObject({ claim: "aud", expected: CLIENT_ID });
  });

  it("stale token: expired an hour ago", async () => {
    const as = await discover();
    await op.misbehave({ idToken: "expired" });
    const attempt = await authorize(as);
    const response = await exchange(as, attempt);
    const idToken = await rawIdToken(response);
    expect(decodeJwt(idToken).exp).toBeLessThan(Date.now() / 1000 - 3_000);
    const failure = await rejection(processLikeAuthJs(as, response, attempt.nonce));
    expect(failure.code).toBe(o.JWT_TIMESTAMP_CHECK);
    expect(failure.cause).toMatchObject({ claim: "exp" });
    expect(await rejection(verifyWithJose(as, idToken))).toBeInstanceOf(joseErrors.JWTExpired);
  });

  it("nonce replaced by the provider", async () => {
    const as = await discover();
    await op.misbehave({ idToken: "wrong-nonce" });
    const attempt = await authorize(as);
    const failure = await rejection(processLikeAuthJs(as, await exchange(as, attempt), attempt.nonce));
    expect(failure.code).toBe(o.JWT_CLAIM_COMPARISON);
    expect(failure.cause).toMatchObject({ claim: "nonce", expected: attempt.nonce });
  });

  it("behave() restores valid, correctly signed tokens", async () => {
    const as = await discover();
    await op.misbehave({ idToken: "wrong-key" });
    await op.behave();
    const attempt = await authorize(as);
    const response = await exchange(as, attempt);
    await processLikeAuthJs(as, response, attempt.nonce);
    await expect(o.validateApplicationLevelSignature(as, response, insecure)).resolves.toBeUndefined();
  });

  it("down: 500, reset, refused, hanging — and back", async () => {
    const issuer = new URL(op.issuer);
    const discovery = (signal?: AbortSignal) =>
      o
        .discoveryRequest(issuer, { ...insecure, signal })
        .then((response) => o.processDiscoveryResponse(issuer, response));

    await op.misbehave({ outage: "http-500" });
    expect((await rejection(discovery())).code).toBe(o.RESPONSE_IS_NOT_CONFORM);

    await op.misbehave({ outage: "connection-reset" });
    const reset = await rejection(discovery());
    expect(reset).toBeInstanceOf(TypeError);
    expect(reset.message).toBe("fetch failed");

    await op.misbehave({ outage: "refused" });
    const refused = await rejection(discovery());
    expect(refused).toBeInstanceOf(TypeError);
    expect(refused.cause).toMatchObject({ code: "ECONNREFUSED" });

    await op.misbehave({ outage: "hang" });
    expect((await rejection(discovery(AbortSignal.timeout(300)))).name).toBe("TimeoutError");

    await op.behave();
    expect((await discovery()).issuer).toBe(op.issuer);
  });

  it("down between the redirect and the token request", async () => {
    const as = await discover();
    const attempt = await authorize(as);
    await op.misbehave({ outage: "http-500" });
    const response = await exchange(as, attempt);
    expect(response.status).toBe(500);
    expect((await rejection(processLikeAuthJs(as, response, attempt.nonce))).code).toBe(o.RESPONSE_IS_NOT_CONFORM);
  });
});

describe("the test OpenID Provider's end-session endpoint", () => {
  it("signs the user out at the provider and returns to the registered post-logout URI", async () => {
    const as = await discover();
    const attempt = await authorize(as);
    const { tokens } = await processLikeAuthJs(as, await exchange(as, attempt), attempt.nonce);
    const before = op.signOuts;
    const logout = new URL(as.end_session_endpoint!);
    logout.search = new URLSearchParams({
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: POST_LOGOUT_URI,
      state: "after-logout",
    }).toString();
    const confirm = await attempt.browser.walk(logout);
    expect(confirm.response?.status).toBe(200);
    const html = await confirm.response!.text();
    const action = /<form id="op.logoutForm" method="post" action="([^"]+)"/.exec(html)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    expect(action).toBe(`${op.issuer}/session/end/confirm`);
    expect(xsrf).toMatch(/\S{10,}/);
    const done = await attempt.browser.request(action!, {
      method: "POST",
      body: new URLSearchParams({ xsrf: xsrf!, logout: "yes" }),
    });
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe(`${POST_LOGOUT_URI}?state=after-logout`);
    expect(op.signOuts).toBe(before + 1);
  });

  it("refuses a post-logout URI that the client did not register", async () => {
    const as = await discover();
    const attempt = await authorize(as);
    const { tokens } = await processLikeAuthJs(as, await exchange(as, attempt), attempt.nonce);
    const logout = new URL(as.end_session_endpoint!);
    logout.search = new URLSearchParams({
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: "http://127.0.0.1:9/elsewhere",
    }).toString();
    const answer = await attempt.browser.walk(logout);
    expect(answer.response?.status).toBe(400);
    expect(await answer.response!.text()).toContain("post_logout_redirect_uri not registered");
  });
});

describe("a test OpenID Provider that keeps profile claims out of the ID token", () => {
  it("puts email only in the userinfo response (what Auth.js's idToken: false is for)", async () => {
    const lean = await startOidcProvider({
      clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [REDIRECT_URI] }],
      users: [{ sub: "erin-0005", email: "erin@acme.example" }],
      claimsInIdToken: false,
    });
    try {
      lean.nextLogin("erin-0005");
      const as = await discover(lean);
      expect(as.issuer).not.toBe(op.issuer);
      const attempt = await authorize(as);
      const { tokens, claims } = await processLikeAuthJs(as, await exchange(as, attempt), attempt.nonce);
      expect(claims.sub).toBe("erin-0005");
      expect(claims).not.toHaveProperty("email");
      const userinfo = await o.processUserInfoResponse(
        as,
        client,
        claims.sub,
        await o.userInfoRequest(as, client, tokens.access_token, insecure),
      );
      expect(userinfo).toMatchObject({ sub: "erin-0005", email: "erin@acme.example", email_verified: true });
    } finally {
      await lean.stop();
    }
  });
});
