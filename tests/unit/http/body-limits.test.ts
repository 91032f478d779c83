import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { UPLOAD_LIMITS } from "@/lib/certificates/intake";
import { BODY_LIMITS, bodyLimitFor, tooLargeMessage, TOO_LARGE_PREFIX } from "@/lib/http/body-limits";

interface LimitsInConfig {
  experimental: { serverActions: { bodySizeLimit: number }; proxyClientMaxBodySize: number };
}

const FORM_FIELDS_BYTES = 64 * 1024;

describe("request body limits", () => {
  it("are the largest legitimate uploads: every part at its limit, every side at its count", () => {
    const side = UPLOAD_LIMITS.maxCertificates * UPLOAD_LIMITS.maxPartBytes;
    expect(BODY_LIMITS.serverAction).toBe(2 * side + FORM_FIELDS_BYTES);
    expect(BODY_LIMITS.certificateValidation).toBe(4 * side + FORM_FIELDS_BYTES);
    expect(tooLargeMessage(BODY_LIMITS.auth)).toContain(
      `a certificate file may be at most ${UPLOAD_LIMITS.maxPartBytes / 1024} KiB`,
    );
  });

  it("agree with next.config.js, whose copy of each body lets every limit see an oversized one", async () => {
    const config = (await import(pathToFileURL(path.resolve(import.meta.dirname, "../../../next.config.js")).href)) as {
      default: LimitsInConfig;
    };
    expect(config.default.experimental.serverActions.bodySizeLimit).toBe(BODY_LIMITS.serverAction);
    expect(config.default.experimental.proxyClientMaxBodySize).toBeGreaterThan(Math.max(...Object.values(BODY_LIMITS)));
  });

  it("are chosen by path", () => {
    expect(bodyLimitFor("/api/v1/certificates/validate")).toBe(BODY_LIMITS.certificateValidation);
    expect(bodyLimitFor("/api/auth/signin/nodemailer")).toBe(BODY_LIMITS.auth);
    expect(bodyLimitFor("/cases/abc")).toBe(BODY_LIMITS.serverAction);
  });

  it("refuse with a message the error page recognises", () => {
    expect(tooLargeMessage(BODY_LIMITS.serverAction)).toMatch(new RegExp(`^${TOO_LARGE_PREFIX} at most 1344 KiB`));
  });
});
