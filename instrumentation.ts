/**
 * Runs once when the server starts, before it takes requests: bring the database up to date (and seed the demo
 * workspace when empty), then keep the mail outbox moving.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./lib/server-start");
  await startServer();
}
