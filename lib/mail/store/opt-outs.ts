import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/store/record";

/** Records the refusal (once; asking again changes nothing) with its audit event. Returns false for a workspace that no longer exists. */
export async function refuseMail(workspaceId: string, email: string, via: "page" | "mail-client"): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const workspace = await tx.workspace.findUnique({ where: { id: workspaceId }, select: { id: true } });
    if (!workspace) return false;
    const created = await tx.mailOptOut.createMany({ data: [{ workspaceId, email }], skipDuplicates: true });
    if (created.count > 0)
      await recordAudit(tx, [{ workspaceId, kind: "mail.opted_out", channel: "EMAIL_LINK", data: { email, via } }]);
    return true;
  });
}

/** The person changed their mind: mail from the workspace reaches them again. */
export async function acceptMailAgain(workspaceId: string, email: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const removed = await tx.mailOptOut.deleteMany({ where: { workspaceId, email } });
    if (removed.count > 0)
      await recordAudit(tx, [{ workspaceId, kind: "mail.opted_in", channel: "EMAIL_LINK", data: { email } }]);
  });
}
