// `next start` in this process, under a process title of its own. Something on shared machines stops every process
// titled "next-server" with SIGTERM (bench/README.md), which would look like the server under test crashing; `next
// start` sets that title itself, so it is set back here. The port comes from PORT; the working folder is the build's.
import path from "node:path";
import { pathToFileURL } from "node:url";

export async function nextStartTitled(title) {
  process.env.NEXT_TELEMETRY_DISABLED ??= "1";
  process.env.CHECKPOINT_DISABLE ??= "1";
  const nextBin = path.resolve("node_modules/next/dist/bin/next");
  process.argv = [process.execPath, nextBin, "start", "-p", process.env.PORT ?? "3000"];
  process.title = title;
  setInterval(() => {
    if (process.title !== title) process.title = title;
  }, 200).unref();
  await import(pathToFileURL(nextBin).href);
}
