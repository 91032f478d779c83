import { rawRequest } from "./http";

/** The development mailbox's messages to one address, newest first: id and subject. */
export async function messagesTo(base: string, email: string): Promise<{ id: string; subject: string }[]> {
  const page = await rawRequest(`${base}/dev/mailbox?to=${encodeURIComponent(email)}`);
  return [...page.body.matchAll(/href="\/dev\/mailbox\/([^"]+)">([^<]*)<\/a>/g)].map((match) => ({
    id: match[1]!,
    subject: unescape(match[2]!),
  }));
}

function unescape(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** Waits until `email` has at least `count` messages whose subject contains `subject`; returns them, newest first. */
export async function waitForMessages(
  base: string,
  email: string,
  subject: string,
  count = 1,
): Promise<{ id: string; subject: string }[]> {
  for (const deadline = Date.now() + 20_000; ;) {
    const found = (await messagesTo(base, email)).filter((message) => message.subject.includes(subject));
    if (found.length >= count) return found;
    if (Date.now() > deadline) throw new Error(`${email} has ${found.length} of ${count} messages about "${subject}"`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/** The links in one message, in order. */
export async function linksIn(base: string, messageId: string): Promise<string[]> {
  const page = await rawRequest(`${base}/dev/mailbox/${messageId}`);
  return [...page.body.matchAll(/<a [^>]*href="(https?:[^"]+)"/g)].map((match) => match[1]!.replace(/&amp;/g, "&"));
}
