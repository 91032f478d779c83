import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ROLES, type Role } from "../roles";
import { PROCEDURE_IDS, type ProcedureId } from "../definitions";

export const CASE_LIST_PAGE_SIZE = 25;

export interface CaseListQuery {
  search?: string;
  status?: "OPEN" | "COMPLETED" | "CANCELLED";
  procedure?: ProcedureId;
  /** Only cases where the viewer holds this role. */
  role?: Role;
  page: number;
}

export function parseCaseListQuery(params: Record<string, string | undefined>): CaseListQuery {
  const status = ["OPEN", "COMPLETED", "CANCELLED"].includes(params.status ?? "")
    ? (params.status as CaseListQuery["status"])
    : undefined;
  const procedure = (PROCEDURE_IDS as readonly string[]).includes(params.procedure ?? "")
    ? (params.procedure as ProcedureId)
    : undefined;
  const role = (ROLES as readonly string[]).includes(params.role ?? "") ? (params.role as Role) : undefined;
  const page = Math.max(1, Math.min(100_000, Number.parseInt(params.page ?? "1", 10) || 1));
  const search = params.q?.trim().slice(0, 200) || undefined;
  return {
    ...(search ? { search } : {}),
    ...(status ? { status } : {}),
    ...(procedure ? { procedure } : {}),
    ...(role ? { role } : {}),
    page,
  };
}

/** A pasted fingerprint, with or without colons, as stored (upper-case hex pairs joined by colons). */
function asFingerprint(text: string): string | null {
  const hex = text.replace(/[\s:-]/g, "").toUpperCase();
  return /^[0-9A-F]{40}$|^[0-9A-F]{64}$/.test(hex) ? hex.match(/../g)!.join(":") : null;
}

/** Prisma passes `contains` to LIKE unescaped: %, _ and \ in a search are meant literally. */
export function literalPattern(search: string): string {
  return search.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/**
 * Cases the person may see (all of their workspaces' cases; only their own where they are a guest), searched by
 * title, receiver, participant address or certificate fingerprint, filtered, and paginated on the server.
 */
export async function loadCaseList(userId: string, query: CaseListQuery) {
  const memberships = await db().membership.findMany({ where: { userId }, select: { workspaceId: true, role: true } });
  const fullAccess = memberships
    .filter((membership) => membership.role !== "GUEST")
    .map((membership) => membership.workspaceId);
  const guestOf = memberships
    .filter((membership) => membership.role === "GUEST")
    .map((membership) => membership.workspaceId);
  const visible: Prisma.CaseWhereInput = {
    OR: [{ workspaceId: { in: fullAccess } }, { workspaceId: { in: guestOf }, participants: { some: { userId } } }],
  };
  const filters: Prisma.CaseWhereInput[] = [visible];
  if (query.status) filters.push({ status: query.status });
  if (query.procedure) filters.push({ procedure: query.procedure });
  if (query.role) filters.push({ participants: { some: { userId, role: query.role } } });
  if (query.search) {
    const fingerprint = asFingerprint(query.search);
    const text = literalPattern(query.search);
    filters.push({
      OR: [
        { title: { contains: text, mode: "insensitive" } },
        { receiverSystem: { contains: text, mode: "insensitive" } },
        { participants: { some: { user: { email: { contains: text.toLowerCase() } } } } },
        ...(fingerprint ? [{ certificates: { some: { OR: [{ sha256: fingerprint }, { sha1: fingerprint }] } } }] : []),
      ],
    });
  }
  const where: Prisma.CaseWhereInput = { AND: filters };
  const [total, cases] = await Promise.all([
    db().case.count({ where }),
    db().case.findMany({
      // One query per relation: as a join, the ready steps would be aggregated for every visible case before the
      // OFFSET of a deep page is applied (800 ms for page 360 of a workspace with 9,000 cases).
      relationLoadStrategy: "query",
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * CASE_LIST_PAGE_SIZE,
      take: CASE_LIST_PAGE_SIZE,
      select: {
        id: true,
        title: true,
        receiverSystem: true,
        procedure: true,
        status: true,
        createdAt: true,
        workspace: { select: { name: true } },
        steps: { where: { status: "READY" }, select: { number: true, role: true } },
      },
    }),
  ]);
  return { total, cases, pages: Math.max(1, Math.ceil(total / CASE_LIST_PAGE_SIZE)) };
}
