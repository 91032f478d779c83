import "server-only";
import NextAuth, { type Session } from "next-auth";
import Nodemailer from "next-auth/providers/nodemailer";
import { PrismaAdapter } from "@auth/prisma-adapter";
import { db } from "@/lib/db";
import { authSecret } from "./secret";
import { sendSignInMail } from "./sign-in-mail";
import { readSessionOrThrow, rememberingSessionReadFailures } from "./session-read-failures";

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
    session({ session, user }) {
      session.user.id = user.id;
      return session;
    },
  },
}));

export const { handlers, signIn, signOut } = nextAuth;

/** The session of this request, or null when nobody is signed in; throws when it could not be read. */
export async function auth(): Promise<Session | null> {
  return readSessionOrThrow(() => nextAuth.auth());
}
