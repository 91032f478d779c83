/**
 * Builds a message's plain-text and HTML parts from one description, so both always say the same.
 * No remote images or scripts; the footer says why the person receives it.
 */
export interface MailContent {
  subject: string;
  heading: string;
  paragraphs: string[];
  facts?: [label: string, value: string][];
  action?: { label: string; url: string };
  reason: string;
}

/**
 * A subject: the app's own words first, then the case's title, which a user chose, quoted and shortened, so that
 * nobody can make a message look as if the app had written their words.
 */
export function caseSubject(title: string, words: string): string {
  const short = title.length > 60 ? `${title.slice(0, 59)}…` : title;
  return `Renewal Desk: ${words} (case “${short}”)`;
}

/** A moment as mail states it, the same for every reader: "2026-12-05 06:00 UTC". */
export function utcText(instant: Date): string {
  return `${instant.toISOString().replace("T", " ").slice(0, 16)} UTC`;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

export function composeMail(content: MailContent): { subject: string; text: string; html: string } {
  const facts = content.facts ?? [];
  const text = [
    content.heading,
    "",
    ...content.paragraphs.flatMap((paragraph) => [paragraph, ""]),
    ...facts.map(([label, value]) => `${label}: ${value}`),
    ...(facts.length ? [""] : []),
    ...(content.action ? [`${content.action.label}: ${content.action.url}`, ""] : []),
    "-- ",
    content.reason,
  ].join("\n");

  const factRows = facts
    .map(
      ([label, value]) =>
        `<tr><th align="left" style="padding:2px 12px 2px 0">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`,
    )
    .join("");
  const html = [
    `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#111;max-width:640px">`,
    `<h1 style="font-size:18px">${escapeHtml(content.heading)}</h1>`,
    ...content.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`),
    factRows ? `<table style="font-size:14px">${factRows}</table>` : "",
    content.action
      ? `<p><a href="${escapeHtml(content.action.url)}" style="display:inline-block;padding:8px 14px;background:#1d4ed8;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(content.action.label)}</a></p>`
      : "",
    `<hr><p style="font-size:12px;color:#555">${escapeHtml(content.reason)}</p>`,
    `</body></html>`,
  ].join("");
  return { subject: content.subject, text, html };
}
