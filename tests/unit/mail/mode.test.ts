import { afterEach, describe, expect, it, vi } from "vitest";
import { mailMode, mailboxEnabled } from "@/lib/mail/mode";

afterEach(() => vi.unstubAllEnvs());

function environment(values: Record<string, string | undefined>) {
  for (const [key, value] of Object.entries(values)) vi.stubEnv(key, value);
}

describe("where mail goes", () => {
  it("uses the development mailbox on the embedded database", () => {
    environment({ DATABASE_URL: undefined, SMTP_URL: undefined, DEV_MAILBOX: undefined });
    expect(mailboxEnabled()).toBe(true);
    expect(mailMode()).toBe("mailbox");
  });

  it("has no mailbox on a PostgreSQL server unless DEV_MAILBOX=1", () => {
    environment({ DATABASE_URL: "postgres://db/x", SMTP_URL: undefined, DEV_MAILBOX: undefined });
    expect(mailboxEnabled()).toBe(false);
    expect(mailMode()).toBe("none");
    vi.stubEnv("DEV_MAILBOX", "1");
    expect(mailMode()).toBe("mailbox");
  });

  it("prefers SMTP whenever SMTP_URL is set", () => {
    environment({ DATABASE_URL: undefined, SMTP_URL: "smtp://mail.example.com:587", DEV_MAILBOX: "1" });
    expect(mailMode()).toBe("smtp");
  });
});
