// The app's HTTP server: Next.js behind the request gate (lib/http/gate.mjs), which knows the socket's address and
// so decides which client sent a request and for which host before the app sees it.
//
//   node scripts/server.mjs [--dev] [--title NAME]      (npm start runs it; PORT sets the port)
//
// --title: the process title. Something on shared machines stops every process titled "next-server" (bench/README.md),
// which would look like the server under test crashing, so tests and the benchmark give theirs a name of their own.
import http from "node:http";
import { randomBytes } from "node:crypto";
import next from "next";
import { canonicalOrigin, gateRequest, parseTrustedProxies } from "../lib/http/gate.mjs";

const dev = process.argv.includes("--dev");
const titleAt = process.argv.indexOf("--title");
const title = titleAt > 0 ? (process.argv[titleAt + 1] ?? "renewal-desk") : "renewal-desk";
process.title = title;
setInterval(() => {
  if (process.title !== title) process.title = title;
}, 200).unref();

process.env.NEXT_TELEMETRY_DISABLED ??= "1";
process.env.CHECKPOINT_DISABLE ??= "1";
const port = Number(process.env.PORT ?? 3000);
process.env.PORT = String(port);

let origin;
let proxies;
try {
  origin = canonicalOrigin(process.env);
  proxies = parseTrustedProxies(process.env.TRUSTED_PROXIES);
} catch (error) {
  console.error(`[server] ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
// The app believes forwarding headers only when they carry this process's secret (lib/http/client-info.ts).
const secret = randomBytes(24).toString("base64url");
process.env.RD_GATE_SECRET = secret;

const app = next({ dev, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((request, response) => {
  const decision = gateRequest({
    method: request.method,
    url: request.url,
    peer: request.socket.remoteAddress,
    headers: request.headers,
    proxies,
    origin,
    secret,
  });
  if (decision.kind === "answer") {
    response.writeHead(decision.status, decision.headers);
    response.end(request.method === "HEAD" ? undefined : decision.body);
    return;
  }
  for (const name of decision.remove) delete request.headers[name];
  Object.assign(request.headers, decision.set);
  handle(request, response);
});
if (dev) server.on("upgrade", app.getUpgradeHandler());

server.listen(port, () => {
  const mode = dev ? "development" : "production";
  const trust =
    proxies.kind === "none"
      ? "no proxy trusted"
      : proxies.kind === "hops"
        ? `${proxies.hops} proxy hop(s) trusted`
        : "trusted proxies listed";
  console.info(`[server] ${mode} server on port ${port}; links point at ${origin}; ${trust}`);
});

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    // Requests still running get a few seconds, then the process ends anyway.
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
