import "server-only";
import { deliverDueMail } from "@/lib/mail/store/delivery";
import { sendDueReminders } from "@/lib/workflow/store/reminders";
import { alertOverdueWindows, startDueWindows } from "@/lib/workflow/store/inputs/downtime";
import { checkDueCutOvers } from "@/lib/workflow/store/cut-over-check";
import { purgeExpiredRecords } from "./housekeeping";
import { checkProviderAccounts } from "@/lib/auth/store/provider-accounts";
import { readDueKeystores } from "@/lib/tenant/store/keystore-reads";

/**
 * The background work: deliver due mail, start downtime windows, alert on overdue windows, warn of cut-overs with
 * steps still open, send due reminders, ask
 * company providers whether people may still sign in, read the connected tenants' keystores. It runs inside the app server by default,
 * or in its own process (`npm run worker`, with MAIL_WORKER=external on the app). Both keep their state in the
 * database, so any number of them can run and a restart loses nothing.
 */
export function startBackgroundJobs(options: { mailEveryMs?: number; scheduleEveryMs?: number } = {}): () => void {
  const mailEveryMs = options.mailEveryMs ?? Number(process.env.MAIL_POLL_MS ?? 5000);
  const scheduleEveryMs = options.scheduleEveryMs ?? Number(process.env.SCHEDULE_POLL_MS ?? 15_000);
  const safely = (name: string, job: () => Promise<unknown>) => () => {
    job().catch((error: unknown) =>
      console.error(`[jobs] ${name} failed:`, error instanceof Error ? error.message : "non-error thrown"),
    );
  };
  const deliver = safely("mail delivery", deliverDueMail);
  // Window starts first: the "stop the flows" hand-over must not wait behind a batch of reminders.
  const schedule = safely("scheduled steps", async () => {
    await startDueWindows();
    await alertOverdueWindows();
    await checkDueCutOvers();
    await sendDueReminders();
    await checkProviderAccounts();
    await readDueKeystores();
    await purgeExpiredRecords();
  });
  const timers = [setInterval(deliver, mailEveryMs), setInterval(schedule, scheduleEveryMs)];
  for (const timer of timers) timer.unref?.();
  deliver();
  schedule();
  return () => timers.forEach(clearInterval);
}
