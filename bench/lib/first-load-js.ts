/**
 * First-load JavaScript per route, from the build output (Next 16 with Turbopack no longer prints it):
 * - the framework chunks every page loads: `rootMainFiles` of .next/build-manifest.json (the `polyfillFiles` are
 *   `nomodule` scripts that modern browsers skip; reported apart);
 * - the route's own chunks: the union of `entryJSFiles` (root layout, group layouts, the page) in
 *   .next/server/app/<route>_client-reference-manifest.js;
 * each file gzipped at level 9 (like the old `First Load JS` column) and summed. The run cross-checks the figure
 * with the `<script src>` tags of the HTML the server actually sends.
 */
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import zlib from "node:zlib";

export interface RouteJs {
  route: string;
  files: number;
  rawBytes: number;
  gzipBytes: number;
}

export interface FirstLoadJs {
  sharedGzipBytes: number;
  polyfillGzipBytes: number;
  routes: RouteJs[];
}

function gzipSize(file: string): number {
  return zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
}

function sum(distDir: string, files: Iterable<string>): { files: number; rawBytes: number; gzipBytes: number } {
  let count = 0;
  let raw = 0;
  let gz = 0;
  for (const file of files) {
    const full = path.join(distDir, file.replace(/^\/?_next\//, ""));
    count++;
    raw += fs.statSync(full).size;
    gz += gzipSize(full);
  }
  return { files: count, rawBytes: raw, gzipBytes: gz };
}

export function firstLoadJs(distDir: string): FirstLoadJs {
  const buildManifest = JSON.parse(fs.readFileSync(path.join(distDir, "build-manifest.json"), "utf8")) as {
    rootMainFiles: string[];
    polyfillFiles: string[];
  };
  const appPaths = JSON.parse(fs.readFileSync(path.join(distDir, "app-path-routes-manifest.json"), "utf8")) as Record<
    string,
    string
  >;
  const routes: RouteJs[] = [];
  for (const [key, route] of Object.entries(appPaths)) {
    if (!key.endsWith("/page")) continue;
    const manifestFile = path.join(distDir, "server", "app", `${key}_client-reference-manifest.js`);
    if (!fs.existsSync(manifestFile)) continue;
    const sandbox = { globalThis: {} as Record<string, unknown> };
    sandbox.globalThis = sandbox as unknown as Record<string, unknown>;
    vm.runInNewContext(fs.readFileSync(manifestFile, "utf8"), sandbox);
    const manifest = (
      sandbox as unknown as { __RSC_MANIFEST: Record<string, { entryJSFiles?: Record<string, string[]> }> }
    ).__RSC_MANIFEST[key];
    const files = new Set(buildManifest.rootMainFiles);
    for (const list of Object.values(manifest?.entryJSFiles ?? {})) for (const file of list) files.add(file);
    routes.push({ route, ...sum(distDir, files) });
  }
  routes.sort((a, b) => a.route.localeCompare(b.route));
  return {
    sharedGzipBytes: sum(distDir, buildManifest.rootMainFiles).gzipBytes,
    polyfillGzipBytes: sum(distDir, buildManifest.polyfillFiles).gzipBytes,
    routes,
  };
}

/** The same figure from a page's HTML: every `<script src="/_next/…">` that is not `nomodule`. */
export function htmlScriptJs(distDir: string, html: string): { files: number; gzipBytes: number } {
  const files = new Set<string>();
  for (const match of html.matchAll(/<script\b[^>]*\bsrc="(\/_next\/static\/[^"]+\.js)"[^>]*>/g)) {
    if (/\bnomodule\b/i.test(match[0])) continue;
    files.add(match[1]!);
  }
  const total = sum(distDir, files);
  return { files: total.files, gzipBytes: total.gzipBytes };
}
