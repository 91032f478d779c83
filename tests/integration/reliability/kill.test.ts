import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { deliverDueMail } from "@/lib/mail/store/delivery";
import { makeCase, uploadNewCertificates } from "../factories";

const CHURN = path.resolve(import.meta.dirname, "churn.ts");

const eventsOf = (caseIds: string[]) => db().auditEvent.count({ where: { caseId: { in: caseIds } } });

/**
 * Runs the churn process; with `killAfterEvents`, kills it (SIGKILL) once it has recorded that many more audit events,
 * so the kill lands mid-way through the work however fast the machine is.
 */
function runChurn(caseIds: string[], killAfterEvents?: number): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", CHURN, ...caseIds], {
      env: { ...process.env, DEV_MAILBOX: "1", SMTP_URL: "" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => void (stderr += chunk.toString()));
    let watching = killAfterEvents !== undefined;
    if (killAfterEvents !== undefined) {
      void (async () => {
        const start = await eventsOf(caseIds);
        while (watching && (await eventsOf(caseIds)) < start + killAfterEvents)
          await new Promise((resume) => setTimeout(resume, 20));
        if (watching) child.kill("SIGKILL");
      })();
    }
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      watching = false;
      if (signal !== "SIGKILL" && code !== 0) reject(new Error(`churn failed (${code}): ${stderr.slice(-2000)}`));
      else resolve({ killed: signal === "SIGKILL", code });
    });
  });
}

/** Every completed step has its audit event, every hand-over too, and every mail was delivered exactly once. */
async function inconsistencies(caseIds: string[]): Promise<string[]> {
  const problems: string[] = [];
  for (const caseId of caseIds) {
    const steps = await db().step.findMany({ where: { caseId }, orderBy: { number: "asc" } });
    const events = await db().auditEvent.findMany({
      where: { caseId, kind: { in: ["step.completed", "step.handed_over"] } },
    });
    for (const step of steps.filter((candidate) => candidate.status === "DONE")) {
      const matching = events.filter((event) => event.stepNumber === step.number);
      if (matching.length !== 1) problems.push(`${caseId} step ${step.number}: ${matching.length} audit events`);
    }
    if (steps.filter((step) => step.status === "READY").length > 1)
      problems.push(`${caseId}: more than one ready step`);
  }
  const mails = await db().outgoingMail.findMany({
    where: { caseId: { in: caseIds } },
    select: { messageId: true, status: true },
  });
  for (const mail of mails) {
    const received = await db().mailboxMessage.count({ where: { messageId: mail.messageId } });
    if (mail.status !== "SENT") problems.push(`${mail.messageId} not delivered (${mail.status})`);
    if (received !== 1) problems.push(`${mail.messageId} received ${received} times`);
  }
  return problems;
}

async function casesToChurn(count: number): Promise<string[]> {
  const caseIds: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const made = await makeCase();
    await uploadNewCertificates(made.caseId, made.tenantAdmin.id);
    await db().case.update({
      where: { id: made.caseId },
      data: { runtimeNodes: ["n1", "n2", "n3", "n4"], integrationFlows: ["f1", "f2", "f3"] },
    });
    caseIds.push(made.caseId);
  }
  return caseIds;
}

describe.runIf(!!process.env.DATABASE_URL)("two app instances on one database", () => {
  it("never perform a step twice and never send a mail twice", async () => {
    const caseIds = await casesToChurn(4);
    await Promise.all([runChurn(caseIds), runChurn(caseIds)]);
    // A process that stops mid-delivery leaves its message in the outbox; the next worker pass sends it.
    while ((await deliverDueMail()) > 0);
    const problems = await inconsistencies(caseIds);
    console.info(`instances: 2 processes, ${problems.length} inconsistencies`);
    expect(problems).toEqual([]);
    expect(await db().case.count({ where: { id: { in: caseIds }, status: "COMPLETED" } })).toBe(caseIds.length);
  }, 180_000);
});

describe.runIf(!!process.env.DATABASE_URL)("killing the process mid-way", () => {
  it("leaves every case consistent and every mail delivered exactly once after restarts", async () => {
    const caseIds = await casesToChurn(6);
    let kills = 0;
    // Six cases with 12 grid cells each record far more than 75 events on their way (steps, hand-overs, cells,
    // tasks, mail), so three kills 25 events apart all land while work is still under way; the last run finishes it.
    for (let restart = 0; restart < 3; restart++) {
      const run = await runChurn(caseIds, 25);
      if (run.killed) kills += 1;
    }
    await runChurn(caseIds);
    while ((await deliverDueMail()) > 0);
    const problems = await inconsistencies(caseIds);
    const completed = await db().case.count({ where: { id: { in: caseIds }, status: "COMPLETED" } });
    console.info(
      `kill: ${kills} restarts, ${problems.length} inconsistencies, ${completed}/${caseIds.length} cases completed`,
    );
    expect(problems).toEqual([]);
    expect(completed).toBe(caseIds.length);
    expect(kills).toBe(3);
  }, 180_000);
});
