import "server-only";
import { db } from "@/lib/db";

/** Cases the person may see: all of their workspaces' cases, or only their own where they are a guest. */
export async function loadCaseList(userId: string) {
  const memberships = await db().membership.findMany({ where: { userId }, select: { workspaceId: true, role: true } });
  const fullAccess = memberships.filter((membership) => membership.role !== "GUEST").map((membership) => membership.workspaceId);
  const guestOf = memberships.filter((membership) => membership.role === "GUEST").map((membership) => membership.workspaceId);
  return db().case.findMany({
    where: {
      OR: [{ workspaceId: { in: fullAccess } }, { workspaceId: { in: guestOf }, participants: { some: { userId } } }],
    },
    orderBy: [{ status: "asc" }, { createdAt: "desc" }],
    take: 200,
    select: {
      id: true, title: true, receiverSystem: true, variant: true, status: true, createdAt: true,
      workspace: { select: { name: true } },
      steps: { where: { status: "READY" }, select: { number: true, role: true } },
    },
  });
}
