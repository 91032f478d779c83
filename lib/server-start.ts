import "server-only";
import { DatabaseSetupError, prepareDatabase } from "@/lib/db/prepare";
import { EmbeddedDatabaseLockedError } from "@/lib/db/embedded-lock";
import { usesEmbeddedDatabase } from "@/lib/db/config";
import { mailboxEnabled, mailMode } from "@/lib/mail/mode";
import { startBackgroundJobs } from "@/lib/jobs/scheduler";
import { workspaceCreators } from "@/lib/workspaces/creation-policy";
import { oidcSettings } from "@/lib/auth/oidc/discovery";
import { OidcSettingsError } from "@/lib/auth/oidc/settings";

// Next.js may load the instrumentation hook more than once in a process (one bundle per runtime): start once.
const started = globalThis as unknown as { renewalDeskStarted?: Promise<void> };

export function startServer(): Promise<void> {
  started.renewalDeskStarted ??= start();
  return started.renewalDeskStarted;
}

async function start(): Promise<void> {
  try {
    for (const provider of oidcSettings()) {
      console.info(
        `[auth] company sign-in: ${provider.name} (${provider.issuer}) for ${provider.domains.join(", ")}${provider.mandatory ? "; e-mail links are never sent to these domains" : ""}`,
      );
    }
  } catch (error) {
    if (error instanceof OidcSettingsError) {
      console.error(`[auth] ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  try {
    await prepareDatabase();
  } catch (error) {
    if (error instanceof EmbeddedDatabaseLockedError || error instanceof DatabaseSetupError) {
      console.error(`[db] ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  console.info(
    `[db] using ${usesEmbeddedDatabase() ? "the embedded PostgreSQL (PGlite)" : "the PostgreSQL server in DATABASE_URL"}`,
  );
  if (mailboxEnabled() && mailMode() === "mailbox") {
    console.warn(
      "[mail] No SMTP_URL: e-mails go to the development mailbox at /dev/mailbox. Anyone who can open it can sign in as anyone.",
    );
  } else if (mailMode() === "none") {
    console.warn("[mail] No SMTP_URL and no development mailbox: e-mails cannot be delivered and nobody can sign in.");
  }
  const creators = workspaceCreators();
  console.info(
    `[workspaces] who may start a workspace: ${creators.kind === "domains" ? `people at ${creators.domains.join(", ")}` : creators.kind === "anyone" ? "anyone who signs in" : "nobody in the app; the operator runs npm run workspace:create"}`,
  );
  if (!process.env.RD_GATE_SECRET) {
    console.warn(
      "[server] not started through scripts/server.mjs (npm start): client addresses are unknown, so every client shares one set of limits",
    );
  }
  if (process.env.MAIL_WORKER === "external")
    console.info("[jobs] mail and reminders run in a separate `npm run worker` process");
  else startBackgroundJobs();
}
