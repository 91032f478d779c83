import { describe, expect, it } from "vitest";
import { composeMail, escapeHtml } from "@/lib/mail/compose";

describe("composing a message", () => {
  const message = composeMail({
    subject: "Case <1>: step 3 is yours",
    heading: "Step 3 of 9",
    paragraphs: ["Do <b>this</b> & that."],
    facts: [["Case", "Orders & Invoices"]],
    action: { label: "Open the case", url: "https://desk.example/cases/abc?x=1&y=2" },
    reason: "You receive this because you take part.",
  });

  it("says the same in both parts, with the reason last", () => {
    expect(message.text).toContain("Do <b>this</b> & that.");
    expect(message.text).toContain("Case: Orders & Invoices");
    expect(message.text).toContain("Open the case: https://desk.example/cases/abc?x=1&y=2");
    expect(message.text.trim().endsWith("You receive this because you take part.")).toBe(true);
    expect(message.html).toContain("You receive this because you take part.");
  });

  it("escapes everything in the HTML part and loads nothing remote", () => {
    expect(message.html).toContain("Do &#60;b&#62;this&#60;/b&#62; &#38; that.");
    expect(message.html).toContain('href="https://desk.example/cases/abc?x=1&#38;y=2"');
    expect(message.html).not.toMatch(/<img|<script|<link|src=/i);
    expect(escapeHtml(`"'`)).toBe("&#34;&#39;");
  });
});
