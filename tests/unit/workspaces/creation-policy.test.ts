import { describe, expect, it } from "vitest";
import { workspaceCreationFor, workspaceCreators } from "@/lib/workspaces/creation-policy";

describe("who may start a workspace", () => {
  it("by default: anyone while mail cannot leave the server, the operator's invitation once SMTP sends real mail", () => {
    expect(workspaceCreators({})).toEqual({ kind: "anyone" });
    expect(workspaceCreators({ DATABASE_URL: "postgres://db/x", DEV_MAILBOX: "1" })).toEqual({ kind: "anyone" });
    expect(workspaceCreators({ SMTP_URL: "smtp://mail.example.com" })).toEqual({ kind: "invited" });
    expect(
      workspaceCreators({ DATABASE_URL: "postgres://db/x", SMTP_URL: "smtp://mail.example.com", DEV_MAILBOX: "1" }),
    ).toEqual({ kind: "invited" });
    expect(workspaceCreators({ DATABASE_URL: "postgres://db/x" })).toEqual({ kind: "invited" });
  });
  it("follows WORKSPACE_CREATORS", () => {
    expect(workspaceCreators({ WORKSPACE_CREATORS: "anyone", SMTP_URL: "smtp://x" })).toEqual({ kind: "anyone" });
    expect(workspaceCreators({ WORKSPACE_CREATORS: "Domains: ACME.com, @acme.de" })).toEqual({
      kind: "domains",
      domains: ["acme.com", "acme.de"],
    });
    expect(workspaceCreators({ WORKSPACE_CREATORS: "invited" })).toEqual({ kind: "invited" });
  });
  it("refuses a setting it does not understand instead of guessing", () => {
    expect(() => workspaceCreators({ WORKSPACE_CREATORS: "everyone" })).toThrow(
      'WORKSPACE_CREATORS must be "anyone", "invited" or "domains:example.com,…", got "everyone"',
    );
    expect(() => workspaceCreators({ WORKSPACE_CREATORS: "domains:" })).toThrow("WORKSPACE_CREATORS must be");
  });
  it("tells a person why not, and what to do instead", () => {
    const domains = { kind: "domains" as const, domains: ["acme.com"] };
    expect(workspaceCreationFor("Alice@ACME.com", domains)).toEqual({ allowed: true });
    expect(workspaceCreationFor("mallory@evil.example", domains)).toEqual({
      allowed: false,
      reason: expect.stringContaining("people with an address at acme.com"),
    });
    expect(workspaceCreationFor("alice@acme.com", { kind: "invited" })).toEqual({
      allowed: false,
      reason: expect.stringContaining("set up by the person who runs it"),
    });
  });
});
