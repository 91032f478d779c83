import { describe, expect, it } from "vitest";
import { carriesKeyMaterial, commentField, freeText, labelText } from "@/lib/actions/fields";

const KEY =
  "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----";

describe("key material in text", () => {
  it("is found in PEM blocks of any kind, PuTTY keys and long Base64", () => {
    expect(carriesKeyMaterial(`see ${KEY}`)).toBe(true);
    expect(carriesKeyMaterial("-----BEGIN CERTIFICATE-----")).toBe(true);
    expect(carriesKeyMaterial("PuTTY-User-Key-File-3: ssh-rsa")).toBe(true);
    expect(carriesKeyMaterial("A".repeat(200))).toBe(true);
  });
  it("is not found in ordinary comments", () => {
    expect(carriesKeyMaterial("Restarted on node-1 and node-2 at 14:05, see ticket INC-4711.")).toBe(false);
    expect(carriesKeyMaterial("A".repeat(199))).toBe(false);
  });
});

describe("a label a person chooses", () => {
  const title = labelText("The title", 3, 120);
  it("is trimmed and bounded", () => {
    expect(title.parse("  Orders to S/4HANA  ")).toBe("Orders to S/4HANA");
    expect(title.safeParse("ab").error?.issues[0]?.message).toBe("The title needs at least 3 characters.");
    expect(title.safeParse("x".repeat(121)).error?.issues[0]?.message).toBe("The title can be at most 120 characters.");
  });
  it("cannot carry a web address, which mail would show as if the app had written it", () => {
    for (const text of [
      "Verify your account at http://evil.example/login",
      "go to HTTPS://x.example",
      "www.evil.example now",
      "ftp://x.example",
    ]) {
      expect(title.safeParse(text).error?.issues[0]?.message).toBe("The title cannot contain a web address.");
    }
    expect(title.parse("erp.example.com:443 client cert")).toBe("erp.example.com:443 client cert");
  });
});

describe("free text", () => {
  it("refuses key material with a message that says nothing was saved", () => {
    expect(freeText("A comment", 2000).safeParse(KEY).error?.issues[0]?.message).toMatch(
      /never paste a private key.*Nothing was saved/,
    );
  });
  it("makes an empty comment no comment", () => {
    expect(commentField.parse("   ")).toBeUndefined();
    expect(commentField.parse(" done ")).toBe("done");
  });
});
