import "server-only";
import NextAuth, { type Session } from "next-auth";
import Nodemailer from "next-auth/providers/nodemailer";
import { PrismaAdapter } from "@auth/prisma-adapter";
import { headers } from "next/headers";
import { db } from "@/lib/db";
import { appBaseUrl } from "@/lib/mail/mode";
import { clientAddressFrom } from "@/lib/http/client-info";
import { authSecret } from "./secret";
import { sendSignInMail } from "./sign-in-mail";
import { admitSignInMail } from "./sign-in-limits";
import { readSessionOrThrow, rememberingSessionReadFailures } from "./session-read-failures";
import { authJsOidcProviders } from "./oidc/providers";
import { oidcSetting, oidcSettings } from "./oidc/discovery";
import { verifyIdToken } from "./oidc/id-token";
import { emailLinkAllowed, judgeProviderAssertion } from "./oidc/rules";
import { causeOf, noteAuthFailure } from "./oidc/failures";
import { providerForEmail } from "./oidc/settings";
import { keepProviderAccount } from "./store/provider-accounts";
import type { Adapter } from "next-auth/adapters";

// Auth.js builds its links from AUTH_URL when it is set, and from the request's Host otherwise: it is always set,
// to the one canonical origin, so no request can steer a sign-in link to another host.
process.env.AUTH_URL = appBaseUrl();

/** Where Auth.js sends someone after a sign-in link was asked for; also the answer when none was sent. */
const LINK_REQUESTED = "/api/auth/verify-request?provider=nodemailer&type=email";

// Lazy configuration: the database client and the secret are created on the first request, not at build time.
const nextAuth = NextAuth(() => ({
  adapter: rememberingSessionReadFailures(withoutProviderTokens(PrismaAdapter(db()))),
  secret: authSecret(),
  trustHost: true,
  session: { strategy: "database", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/signin", verifyRequest: "/signin/check-email", error: "/signin/error" },
  providers: [
    Nodemailer({
      // Delivery goes through lib/mail (SMTP or the development mailbox); the provider insists on a server value.
      server: process.env.SMTP_URL ?? "smtp://localhost:25",
      maxAge: 60 * 60,
      normalizeIdentifier: (identifier) => identifier.trim().toLowerCase(),
      sendVerificationRequest: sendSignInMail,
    }),
    ...authJsOidcProviders(),
  ],
  logger: {
    // Type, message and the cause's message only: Auth.js's default logger prints whole objects.
    error(error) {
      noteAuthFailure(error);
      const cause = causeOf(error);
      const type = (error as Error & { type?: string }).type ?? error.name;
      // What the provider answered (an OAuth error code and its description) says what to fix; it holds no secret.
      const answer = cause as { error?: unknown; error_description?: unknown } | undefined;
      const said =
        typeof answer?.error === "string" ? ` (${answer.error}: ${String(answer.error_description ?? "")})` : "";
      console.error(
        `[auth][error] ${type}: ${cause instanceof Error ? `${cause.name}: ${cause.message}` : error.message}${said}`,
      );
    },
  },
  events: {
    async signIn({ user, account }) {
      if (account?.type === "oidc" && user.id) await keepProviderAccount(account, user.id);
    },
  },
  callbacks: {
    async signIn({ user, email, account, profile }) {
      if (account?.type === "oidc") {
        const setting = oidcSetting(account.provider);
        if (!setting) return "/signin/error?error=Configuration";
        const problem =
          (await verifyIdToken(setting, account.id_token ?? "")) ?? judgeProviderAssertion(setting, profile ?? {});
        if (!problem) return true;
        console.info(`[auth] sign-in through ${setting.id} refused: ${problem}`);
        return `/signin/error?error=${problem}&provider=${setting.id}`;
      }
      // Someone their company's provider no longer lets in does not get in by e-mail link either.
      const revoked = (user as { signInRevokedAt?: Date | null }).signInRevokedAt;
      if (revoked && user.email && providerForEmail(oidcSettings(), user.email))
        return "/signin/error?error=OidcRevoked";
      // Every way of asking for a sign-in mail (our form, or Auth.js's own endpoint) passes here before a token exists.
      if (!email?.verificationRequest || !user.email) return true;
      if (!emailLinkAllowed(oidcSettings(), user.email)) {
        console.info("[auth] sign-in mail not sent: the address's domain signs in only through its company provider");
        return "/signin/error?error=OidcRequired";
      }
      if (await admitSignInMail(user.email, clientAddressFrom(await headers()))) return true;
      console.info("[auth] sign-in mail not sent: hourly limit for this address or client reached");
      return LINK_REQUESTED;
    },
    // Only what pages need: never the session token or other columns of the session row.
    session({ session, user }) {
      return { user: { id: user.id, email: user.email, name: user.name ?? null }, expires: session.expires } as Session;
    },
  },
}));

/** Accounts of company providers are stored without tokens; keepProviderAccount adds the sealed refresh token. */
function withoutProviderTokens(adapter: Adapter): Adapter {
  const link = adapter.linkAccount;
  return link
    ? {
        ...adapter,
        linkAccount: (account) =>
          link(
            account.type === "oidc"
              ? { ...account, access_token: undefined, id_token: undefined, refresh_token: undefined }
              : account,
          ),
      }
    : adapter;
}

export const { handlers, signIn, signOut } = nextAuth;

/** The session of this request, or null when nobody is signed in; throws when it could not be read. */
export async function auth(): Promise<Session | null> {
  return readSessionOrThrow(() => nextAuth.auth());
}
