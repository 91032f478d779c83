// Cases for the database-restart test, made through the app's own services against DATABASE_URL (the test's private
// cluster), each brought to step 7: a grid of flows × runtime nodes that the integration developer confirms cell by
// cell. Prints one JSON line: the cases and a session token for each developer (a Session row, as Auth.js keeps it).
// Run with: node --conditions=react-server --import tsx e2e/outage/fixture.ts COUNT
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { mailWorkerIdle } from "@/lib/mail/store/delivery";
import { confirmKeystoreAlias } from "@/lib/workflow/store/inputs/keystore-alias";
import { makeCase, stepInputs, uploadNewCertificates } from "../../tests/integration/factories";
import { FLOWS, NODES } from "./grid";

export interface OutageCase {
  caseId: string;
  developerId: string;
  sessionToken: string;
}

async function caseAtStep7(): Promise<OutageCase> {
  const made = await makeCase();
  await db().case.update({ where: { id: made.caseId }, data: { integrationFlows: FLOWS, runtimeNodes: NODES } });
  await uploadNewCertificates(made.caseId, made.tenantAdmin.id);
  await stepInputs.receiverTasks(made.caseId, made.receiverAdmin.id);
  await confirmKeystoreAlias(made.tenantAdmin.id, made.caseId, 5, "client_cert");
  const sessionToken = randomBytes(32).toString("base64url");
  await db().session.create({
    data: { sessionToken, userId: made.developer.id, expires: new Date(Date.now() + 86_400_000) },
  });
  return { caseId: made.caseId, developerId: made.developer.id, sessionToken };
}

const count = Number(process.argv[2] ?? 3);
const cases: OutageCase[] = [];
for (let index = 0; index < count; index += 1) cases.push(await caseAtStep7());
await mailWorkerIdle();
console.info(JSON.stringify(cases));
process.exit(0);
