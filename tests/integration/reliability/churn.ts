// A process that drives cases forward as fast as it can while delivering mail, to be killed at random moments by
// tests/integration/reliability/kill.test.ts. Run with: node --conditions=react-server --import tsx churn.ts CASE_ID...
import { db } from "@/lib/db";
import { deliverDueMail, mailWorkerIdle } from "@/lib/mail/store/delivery";
import { tickChecklistItem } from "@/lib/workflow/store/inputs/receiver-checklist";
import { confirmKeystoreAlias } from "@/lib/workflow/store/inputs/keystore-alias";
import { confirmGridCells } from "@/lib/workflow/store/inputs/flow-grid";
import { recordOldRootDecision } from "@/lib/workflow/store/inputs/old-root";
import { gridCells } from "@/lib/workflow/grid";
import { AppError } from "@/lib/errors";

const caseIds = process.argv.slice(2);

/** One step forward on a variant A case that has its certificates: whatever is ready, by whoever owns it. */
async function advance(caseId: string): Promise<boolean> {
  const found = await db().case.findUniqueOrThrow({
    where: { id: caseId },
    select: {
      status: true,
      keystoreAlias: true,
      integrationFlows: true,
      runtimeNodes: true,
      steps: { where: { status: "READY" }, select: { number: true } },
      participants: { select: { role: true, userId: true } },
    },
  });
  const ready = found.steps[0]?.number;
  if (found.status !== "OPEN" || ready === undefined) return false;
  const holder = (role: string) => found.participants.find((participant) => participant.role === role)!.userId;
  if (ready === 3) {
    const item = await db().checklistItem.findFirst({ where: { caseId, doneAt: null } });
    if (item) await tickChecklistItem(holder("RECEIVER_ADMIN"), caseId, item.id, null);
  } else if (ready === 5) await confirmKeystoreAlias(holder("TENANT_ADMIN"), caseId, 5, found.keystoreAlias!);
  else if (ready === 7) {
    const [cell] = gridCells(found.integrationFlows, found.runtimeNodes);
    const done = await db().flowNodeConfirmation.findMany({ where: { caseId, stepNumber: 7 } });
    const open = gridCells(found.integrationFlows, found.runtimeNodes).filter(
      (c) => !done.some((d) => d.flow === c.flow && d.node === c.node),
    );
    await confirmGridCells(holder("INTEGRATION_DEVELOPER"), caseId, 7, open.length ? [open[0]!] : [cell!]);
  } else if (ready === 9)
    await recordOldRootDecision(holder("RECEIVER_ADMIN"), caseId, 9, {
      oldRoot: "kept",
      reason: "churn",
      oldClientCertificateRemoved: true,
    });
  return true;
}

async function main() {
  let moving = true;
  const mail = (async () => {
    while (moving) await deliverDueMail();
  })();
  while (moving) {
    moving = false;
    for (const caseId of caseIds) {
      try {
        if (await advance(caseId)) moving = true;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        moving = true; // a lost race: try again
      }
    }
  }
  await mail;
  // A delivery pass kicked by the last transition may hold a row; let it finish before draining and exiting.
  await mailWorkerIdle();
  while ((await deliverDueMail()) > 0);
  console.info("churn: all cases completed");
}

await main();
process.exit(0);
