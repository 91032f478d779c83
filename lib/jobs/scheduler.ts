import "server-only";
import { deliverDueMail } from "@/lib/mail/worker";
import { sendDueReminders } from "@/lib/workflow/store/reminders";

/**
 * The background work: deliver due mail and send due reminders. It runs inside the app server by default,
 * or in its own process (`npm run worker`, with MAIL_WORKER=external on the app). Both keep their state in the
 * database, so any number of them can run and a restart loses nothing.
 */
export function startBackgroundJobs(options: { mailEveryMs?: number; remindersEveryMs?: number } = {}): () => void {
  const mailEveryMs = options.mailEveryMs ?? Number(process.env.MAIL_POLL_MS ?? 5000);
  const remindersEveryMs = options.remindersEveryMs ?? 60_000;
  const safely = (name: string, job: () => Promise<unknown>) => () => {
    job().catch((error: unknown) => console.error(`[jobs] ${name} failed:`, error instanceof Error ? error.message : "non-error thrown"));
  };
  const deliver = safely("mail delivery", deliverDueMail);
  const remind = safely("reminders", sendDueReminders);
  const timers = [setInterval(deliver, mailEveryMs), setInterval(remind, remindersEveryMs)];
  for (const timer of timers) timer.unref?.();
  deliver();
  remind();
  return () => timers.forEach(clearInterval);
}
