import { describe, it, expect, beforeAll } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DAY, NOW, makeCert, makeChain, pems, type Chain } from "../../support/certificates";

const dir = mkdtempSync(join(tmpdir(), "cert-check-"));
let chain: Chain;

function run(...args: string[]) {
  const result = spawnSync(join(process.cwd(), "node_modules/.bin/tsx"), ["scripts/cert-check.ts", ...args], {
    encoding: "utf8",
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  chain = await makeChain();
  writeFileSync(join(dir, "leaf.pem"), pems(chain.leaf, chain.intermediate));
  writeFileSync(join(dir, "root.cer"), chain.root.der);
  const expired = await makeCert({
    subject: "CN=expired",
    issuer: chain.intermediate,
    notAfter: new Date(NOW.getTime() - DAY),
  });
  writeFileSync(join(dir, "expired.pem"), pems(expired, chain.intermediate));
});

describe("cert:check CLI", { timeout: 30_000 }, () => {
  it("exits 0 and prints one JSON object for an accepted renewal", () => {
    const { status, stdout } = run(
      "--leaf",
      join(dir, "leaf.pem"),
      "--root",
      join(dir, "root.cer"),
      "--at",
      NOW.toISOString(),
      "--json",
    );
    expect(status).toBe(0);
    expect(stdout.trim().split("\n")).toHaveLength(1);
    const parsed = JSON.parse(stdout);
    expect(Object.keys(parsed)).toEqual(["accepted", "errors", "warnings", "certificates"]);
    expect(parsed).toMatchObject({ accepted: true, errors: [], warnings: [] });
    expect(parsed.certificates.map((c: { role: string }) => c.role)).toEqual(["leaf", "intermediate", "root"]);
  });

  it("exits 1 with codes and messages for a rejected renewal, and prints a readable report without --json", () => {
    const json = run(
      "--leaf",
      join(dir, "expired.pem"),
      "--root",
      join(dir, "root.cer"),
      "--at",
      "2026-06-01",
      "--json",
    );
    expect(json.status).toBe(1);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.accepted).toBe(false);
    expect(parsed.errors).toEqual([{ code: "LEAF_EXPIRED", message: expect.stringMatching(/expired/) }]);
    const text = run(
      "--leaf",
      join(dir, "expired.pem"),
      "--root",
      join(dir, "root.cer"),
      "--at",
      "2026-06-01T00:00:00Z",
    );
    expect(text.status).toBe(1);
    expect(text.stdout).toMatch(/REJECTED/);
    expect(text.stdout).toMatch(/LEAF_EXPIRED: /);
  });

  it.each([
    ["an unknown flag", ["--leaf", "x.pem", "--verbose"]],
    ["a missing --leaf", ["--root", "root.cer"]],
    ["an unreadable file", ["--leaf", "/nonexistent/leaf.pem"]],
    ["a bad --at", ["--leaf", "leaf.pem", "--at", "yesterday"]],
  ])("exits 2 on %s", (_label, args) => {
    const { status, stderr, stdout } = run(
      ...args.map((a) => ((a.endsWith(".pem") || a.endsWith(".cer")) && !a.startsWith("/") ? join(dir, a) : a)),
    );
    expect(status).toBe(2);
    expect(stderr).toMatch(/usage: cert:check/);
    expect(stdout).toBe("");
  });
});
