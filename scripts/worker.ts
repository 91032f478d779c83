// `npm run worker`: delivers the mail outbox and sends reminders in a process of its own, for deployments that
// run the app with MAIL_WORKER=external. Needs DATABASE_URL (the embedded database belongs to the app process).
import { startBackgroundJobs } from "@/lib/jobs/scheduler";
import { switchToRuntimeRole } from "@/lib/db/prepare";

if (!process.env.DATABASE_URL) {
  console.error("npm run worker needs DATABASE_URL: the embedded database can only be used by the app process itself.");
  process.exit(2);
}
// Like the app, the worker works as the app's database role, never as the owner.
await switchToRuntimeRole((message) => console.info(`[worker] ${message}`));
console.info("[worker] delivering mail and sending reminders; stop with Ctrl+C");
const stop = startBackgroundJobs();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    stop();
    process.exit(0);
  });
}
// keep the process alive: the job timers are unref'd so that the app server can exit without waiting for them
setInterval(() => undefined, 1 << 30);
