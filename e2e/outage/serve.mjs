// `next start` for the outage test, under a process title of its own: something on shared machines stops every
// process titled "next-server" (bench/README.md), which would look like the server under test crashing.
import path from "node:path";
import { pathToFileURL } from "node:url";

const TITLE = "rd-outage-app";
const nextBin = path.resolve("node_modules/next/dist/bin/next");
process.argv = [process.execPath, nextBin, "start", "-p", process.env.PORT ?? "3000"];
process.title = TITLE;
setInterval(() => {
  if (process.title !== TITLE) process.title = TITLE;
}, 200).unref();
await import(pathToFileURL(nextBin).href);
