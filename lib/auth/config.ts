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

// Auth.js builds its links from AUTH_URL when it is set, and from the request's Host otherwise: it is always set,
// to the one canonical origin, so no request can steer a sign-in link to another host.
process.env.AUTH_URL = appBaseUrl();

/** Where Auth.js sends someone after a sign-in link was asked for; also the answer when none was sent. */
const LINK_REQUESTED = "/api/auth/verify-request?provider=nodemailer&type=email";

// Lazy configuration: the database client and the secret are created on the first request, not at build time.
const nextAuth = NextAuth(() => ({
  adapter: rememberingSessionReadFailures(PrismaAdapter(db())),
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
  ],
  callbacks: {
    // Every way of asking for a sign-in mail (our form, or Auth.js's own endpoint) passes here before a token exists.
    async signIn({ user, email }) {
      if (!email?.verificationRequest || !user.email) return true;
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

export const { handlers, signIn, signOut } = nextAuth;

/** The session of this request, or null when nobody is signed in; throws when it could not be read. */
export async function auth(): Promise<Session | null> {
  return readSessionOrThrow(() => nextAuth.auth());
}
