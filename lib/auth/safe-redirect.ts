/** Only same-origin paths are followed after sign-in; anything else falls back to the inbox. */
export function safeReturnPath(candidate: string | null | undefined): string {
  if (!candidate || !candidate.startsWith("/") || candidate.startsWith("//") || candidate.startsWith("/\\"))
    return "/inbox";
  try {
    const parsed = new URL(candidate, "http://renewal-desk.invalid");
    if (parsed.origin !== "http://renewal-desk.invalid") return "/inbox";
    return `${parsed.pathname}${parsed.search}${parsed.hash}`;
  } catch {
    return "/inbox";
  }
}
