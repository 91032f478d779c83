import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";

/** A person's workspaces and their role in each; read once per request (the layout and the page both ask). */
export const membershipsOf = cache(async (userId: string) =>
  db().membership.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { role: true, workspace: { select: { id: true, name: true } } },
  }),
);
