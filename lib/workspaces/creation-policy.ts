/**
 * Who may start a workspace (WORKSPACE_CREATORS):
 * - `anyone`: every signed-in person may start one;
 * - `domains:acme.com,acme.de`: people whose address is at one of these domains;
 * - `invited`: nobody through the app; the operator creates workspaces with `npm run workspace:create`.
 * Default: `anyone` while mail cannot leave the server (the embedded database, or the development mailbox, without
 * SMTP_URL): a trial, through which nothing can be relayed. `invited` otherwise (SMTP_URL set, or a PostgreSQL
 * server without the development mailbox): a workspace can mail any address, so the operator decides who gets one.
 */
export type WorkspaceCreators = { kind: "anyone" } | { kind: "domains"; domains: string[] } | { kind: "invited" };

export function workspaceCreators(env: Readonly<Record<string, string | undefined>> = process.env): WorkspaceCreators {
  const setting = env.WORKSPACE_CREATORS?.trim().toLowerCase();
  if (!setting) {
    const realMail = Boolean(env.SMTP_URL) || (Boolean(env.DATABASE_URL) && env.DEV_MAILBOX !== "1");
    return realMail ? { kind: "invited" } : { kind: "anyone" };
  }
  if (setting === "anyone") return { kind: "anyone" };
  if (setting === "invited") return { kind: "invited" };
  if (setting.startsWith("domains:")) {
    const domains = setting
      .slice("domains:".length)
      .split(",")
      .map((domain) => domain.trim().replace(/^@/, ""))
      .filter(Boolean);
    if (domains.length > 0) return { kind: "domains", domains };
  }
  throw new Error(
    `WORKSPACE_CREATORS must be "anyone", "invited" or "domains:example.com,…", got "${env.WORKSPACE_CREATORS}"`,
  );
}

/** Whether this person may start a workspace in the app, and if not, why, in words for them. */
export function workspaceCreationFor(
  email: string,
  creators = workspaceCreators(),
): { allowed: true } | { allowed: false; reason: string } {
  if (creators.kind === "anyone") return { allowed: true };
  if (creators.kind === "domains") {
    const domain = email.split("@").pop()?.toLowerCase() ?? "";
    if (creators.domains.includes(domain)) return { allowed: true };
    return {
      allowed: false,
      reason: `On this server, workspaces can be started by people with an address at ${creators.domains.join(", ")}. Ask a workspace owner to name you on a case, or the person who runs this server for a workspace.`,
    };
  }
  return {
    allowed: false,
    reason:
      "On this server, workspaces are set up by the person who runs it. Ask them for one, or ask a workspace owner to name you on a case.",
  };
}
