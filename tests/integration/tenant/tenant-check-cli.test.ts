import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../../support/free-port";
import { CLIENT_ALIAS, type Tenant, resetTenant, startTenant } from "./tenant-fixture";

const dir = mkdtempSync(join(tmpdir(), "tenant-check-"));
const keyFile = join(dir, "service-key.json");
let tenant: Tenant;
let fingerprint: string;

/** Spawned without blocking: the simulator answers from this process. */
function run(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      join(process.cwd(), "node_modules/.bin/tsx"),
      ["--conditions=react-server", "scripts/tenant-check.ts", ...args],
      { encoding: "utf8", timeout: 30_000 },
      (error, stdout, stderr) => {
        resolve({ status: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr });
      },
    );
  });
}

beforeAll(async () => {
  tenant = await startTenant();
  writeFileSync(keyFile, JSON.stringify(tenant.sim.serviceKey("oauth")));
  fingerprint = (
    createHash("sha256").update(tenant.chain.leaf.der).digest("hex").toUpperCase().match(/../g) ?? []
  ).join(":");
});
afterAll(() => tenant.sim.close());
beforeEach(() => resetTenant(tenant));

describe("tenant:check CLI", { timeout: 30_000 }, () => {
  const date = (d: Date) => d.toISOString().replace(/\.000Z$/, "Z");
  const report = () =>
    [
      `Alias:        ${CLIENT_ALIAS}`,
      "Type:         Key Pair",
      "Subject:      CN=Tenant client, O=Customer",
      "Issuer:       CN=Tenant Issuing CA, O=Renewal Desk Tests",
      `Valid:        ${date(tenant.chain.leaf.cert.notBefore)} to ${date(tenant.chain.leaf.cert.notAfter)}`,
      `SHA-256:      ${fingerprint}`,
      "Chain:        3 certificates",
    ].join("\n");

  it("prints what the tenant holds under the alias and exits 0", async () => {
    expect(await run("--service-key", keyFile, "--alias", CLIENT_ALIAS)).toEqual({
      status: 0,
      stdout: `${report()}\n`,
      stderr: "",
    });
    expect(tenant.sim.tokenRequestCount()).toBe(1);
  });

  it("exits 0 when the fingerprint matches, written in any case with or without colons", async () => {
    const plain = fingerprint.replace(/:/g, "").toLowerCase();
    expect(await run("--service-key", keyFile, "--alias", CLIENT_ALIAS, "--fingerprint", plain)).toEqual({
      status: 0,
      stdout: `${report()}\nFingerprint:  matches\n`,
      stderr: "",
    });
  });

  it("exits 1 when the fingerprint does not match", async () => {
    const other = "AB:".repeat(31) + "AB";
    expect(await run("--service-key", keyFile, "--alias", CLIENT_ALIAS, "--fingerprint", other)).toEqual({
      status: 1,
      stdout: `${report()}\nFingerprint:  DOES NOT MATCH (expected ${other})\n`,
      stderr: "",
    });
  });

  it("exits 2 with the plain message when the alias is unknown", async () => {
    expect(await run("--service-key", keyFile, "--alias", "no such alias")).toEqual({
      status: 2,
      stdout: "",
      stderr:
        'tenant:check: NOT_FOUND: The tenant keystore has no entry with the alias "no such alias". Check the alias under Monitor > Manage Security > Keystore.\n',
    });
  });

  it("exits 2 when the tenant cannot be reached", async () => {
    const port = await freePort();
    const unreachable = join(dir, "unreachable.json");
    writeFileSync(
      unreachable,
      JSON.stringify({
        ...tenant.sim.serviceKey(),
        url: `http://127.0.0.1:${port}`,
        tokenurl: `http://127.0.0.1:${port}/oauth/token`,
      }),
    );
    const { status, stdout, stderr } = await run("--service-key", unreachable, "--alias", CLIENT_ALIAS);
    expect([status, stdout]).toEqual([2, ""]);
    expect(stderr).toBe(
      `tenant:check: UNREACHABLE: Could not reach 127.0.0.1:${port} to ask for an access token: the connection was refused. Check the url and tokenurl in the service key, and that this server may connect to SAP BTP.\n`,
    );
  });

  it("exits 2 and lists what is wrong with the service key", async () => {
    const broken = join(dir, "broken.json");
    writeFileSync(broken, JSON.stringify({ url: "http://tenant.example.com", clientid: "sb-x" }));
    expect(await run("--service-key", broken, "--alias", CLIENT_ALIAS)).toEqual({
      status: 2,
      stdout: "",
      stderr: [
        `tenant:check: the service key in ${broken} cannot be used:`,
        '  "url" must be a full https:// address (the address of the Cloud Integration tenant).',
        '  "tokenurl" is missing: the service key must contain the address of the token server.',
        '  "clientsecret" is missing: the service key must contain the client secret of the service instance.',
        "",
      ].join("\n"),
    });
  });

  it.each([
    ["a missing --alias", ["--service-key", "KEY"], "--alias is required"],
    ["an unknown flag", ["--service-key", "KEY", "--alias", "a", "--verbose", "1"], "unknown argument --verbose"],
    [
      "a malformed fingerprint",
      ["--service-key", "KEY", "--alias", "a", "--fingerprint", "12:34"],
      "--fingerprint needs a SHA-256 fingerprint: 64 hex digits, with or without colons",
    ],
    [
      "an unreadable key file",
      ["--service-key", "/nonexistent/key.json", "--alias", "a"],
      "cannot read /nonexistent/key.json",
    ],
  ])("exits 2 with the usage on %s", async (_label, args, problem) => {
    expect(await run(...args.map((a) => (a === "KEY" ? keyFile : a)))).toEqual({
      status: 2,
      stdout: "",
      stderr: `tenant:check: ${problem}\nusage: tenant:check --service-key FILE --alias ALIAS [--fingerprint SHA256]\n`,
    });
    expect(tenant.sim.requests).toEqual([]);
  });
});
