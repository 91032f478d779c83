import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { loadOverview } from "@/lib/workspaces/queries/overview";
import { cancelCase } from "@/lib/workflow/store/cancel-case";
import { mailWorkerIdle } from "@/lib/mail/store/delivery";
import { makeCase } from "../factories";

const openCount = (overview: Awaited<ReturnType<typeof loadOverview>>) =>
  overview.byProcedure.filter((row) => row.status === "OPEN").reduce((sum, row) => sum + row.count, 0);

describe("the workspace overview's figures", () => {
  it("are computed once while nothing changes, and again as soon as a case of the workspace changes", async () => {
    const { caseId, owner, workspaceId } = await makeCase({ variant: "A" });
    await mailWorkerIdle(); // delivering the invitations records events in the workspace too
    const first = await loadOverview(owner.id, workspaceId);
    expect(openCount(first)).toBe(1);

    // A write that bypasses the services is not seen: the cached figures are served.
    await db().case.update({ where: { id: caseId }, data: { title: "Renamed behind the app's back" } });
    expect(await loadOverview(owner.id, workspaceId)).toBe(first);

    await cancelCase(owner, caseId, "Replaced by another renewal");
    const after = await loadOverview(owner.id, workspaceId);
    expect(after).not.toBe(first);
    expect(openCount(after)).toBe(0);
  });

  it("are refused to people outside the workspace, cached or not", async () => {
    const { owner, workspaceId } = await makeCase({ variant: "A" });
    const other = await makeCase({ variant: "A" });
    await loadOverview(owner.id, workspaceId);
    await expect(loadOverview(other.owner.id, workspaceId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
