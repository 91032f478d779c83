import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { caseInputSchema } from "@/lib/workflow/case-input";
import { createCase } from "@/lib/workflow/store/create-case";
import { createWorkspace } from "@/lib/workspaces/store/workspaces";
import { refuseMail, acceptMailAgain } from "@/lib/mail/store/opt-outs";
import { readOptOutToken } from "@/lib/mail/opt-out";
import { makeCase, makeUser, refusalCode, uniqueTag, uploadNewCertificates } from "../factories";

afterEach(() => vi.unstubAllEnvs());

async function ownerWithWorkspace(tag: string) {
  const owner = await makeUser(`owner-${tag}@example.test`, `Owner ${tag}`);
  const workspace = await db().workspace.create({
    data: { name: `Team ${tag}`, memberships: { create: { userId: owner.id, role: "OWNER" } } },
  });
  return { owner, workspaceId: workspace.id };
}

function caseNaming(
  workspaceId: string,
  people: { tenantAdmins: string[]; receiverAdmins: string[]; integrationDevelopers: string[] },
  title = "Relay attempt",
) {
  return caseInputSchema.parse({
    workspaceId,
    title,
    receiverSystem: "Receiver",
    acceptsBoth: "yes",
    operatingModel: "CUSTOMER_MANAGED",
    keystoreAlias: "client_cert",
    runtimeNodes: "node-1",
    integrationFlows: "Flow 1",
    tenantAdmins: people.tenantAdmins.join(","),
    receiverAdmins: people.receiverAdmins.join(","),
    integrationDevelopers: people.integrationDevelopers.join(","),
  });
}

const strangers = (tag: string, from: number, count: number) =>
  Array.from({ length: count }, (_, index) => `stranger${from + index}-${tag}@elsewhere.test`);

async function counts(workspaceId: string) {
  const [cases, memberships, users, mails] = await Promise.all([
    db().case.count({ where: { workspaceId } }),
    db().membership.count({ where: { workspaceId } }),
    db().user.count(),
    db().outgoingMail.count({ where: { case: { workspaceId } } }),
  ]);
  return { cases, memberships, users, mails };
}

describe("the app is not a mail relay", () => {
  it("refuses naming more new people than a person's hourly allowance, and stores nothing of the refused case", async () => {
    const tag = uniqueTag();
    const { owner, workspaceId } = await ownerWithWorkspace(tag);
    // The attack as probed: 30 addresses per case, several cases in a row.
    await createCase(
      owner,
      caseNaming(workspaceId, {
        tenantAdmins: strangers(tag, 0, 10),
        receiverAdmins: strangers(tag, 10, 5),
        integrationDevelopers: strangers(tag, 15, 5),
      }),
    );
    const before = await counts(workspaceId);
    expect(before.memberships).toBe(21);
    const refused = createCase(
      owner,
      caseNaming(workspaceId, {
        tenantAdmins: strangers(tag, 20, 10),
        receiverAdmins: strangers(tag, 30, 10),
        integrationDevelopers: strangers(tag, 40, 10),
      }),
    );
    await expect(refused).rejects.toMatchObject({
      code: "RATE_LIMITED",
      message: expect.stringContaining("you may name 20 new people an hour and have named 20 in the last hour"),
    });
    expect(await counts(workspaceId)).toEqual(before);
    // People who already take part in the workspace are no new recipients: a case among them still works.
    await createCase(
      owner,
      caseNaming(workspaceId, {
        tenantAdmins: strangers(tag, 0, 1),
        receiverAdmins: strangers(tag, 1, 1),
        integrationDevelopers: strangers(tag, 2, 1),
      }),
    );
  });

  it("limits a workspace as a whole, however many members invite", async () => {
    vi.stubEnv("NEW_RECIPIENTS_PER_WORKSPACE_HOUR", "6");
    const tag = uniqueTag();
    const { owner, workspaceId } = await ownerWithWorkspace(tag);
    const member = await makeUser(`member-${tag}@example.test`);
    await db().membership.create({ data: { workspaceId, userId: member.id, role: "MEMBER" } });
    await createCase(
      owner,
      caseNaming(workspaceId, {
        tenantAdmins: strangers(tag, 0, 2),
        receiverAdmins: strangers(tag, 2, 2),
        integrationDevelopers: strangers(tag, 4, 1),
      }),
    );
    const code = await refusalCode(
      createCase(
        member,
        caseNaming(workspaceId, {
          tenantAdmins: strangers(tag, 5, 1),
          receiverAdmins: strangers(tag, 6, 1),
          integrationDevelopers: [member.email],
        }),
      ),
    );
    expect(code).toBe("RATE_LIMITED");
    await createCase(
      member,
      caseNaming(workspaceId, {
        tenantAdmins: strangers(tag, 5, 1),
        receiverAdmins: [member.email],
        integrationDevelopers: [member.email],
      }),
    );
  });

  it("holds when two cases are created at the same moment", async () => {
    vi.stubEnv("NEW_RECIPIENTS_PER_PERSON_HOUR", "4");
    const tag = uniqueTag();
    const { owner, workspaceId } = await ownerWithWorkspace(tag);
    const attempts = await Promise.allSettled(
      [0, 3, 6].map((from) =>
        createCase(
          owner,
          caseNaming(workspaceId, {
            tenantAdmins: strangers(tag, from, 1),
            receiverAdmins: strangers(tag, from + 1, 1),
            integrationDevelopers: strangers(tag, from + 2, 1),
          }),
        ),
      ),
    );
    expect(attempts.filter((attempt) => attempt.status === "fulfilled")).toHaveLength(1);
    expect(await db().membership.count({ where: { workspaceId, role: "GUEST" } })).toBe(3);
  });

  it("lets only the people WORKSPACE_CREATORS names start a workspace", async () => {
    const tag = uniqueTag();
    vi.stubEnv("WORKSPACE_CREATORS", "domains:acme.example");
    const outsider = await makeUser(`mallory-${tag}@evil.example`);
    expect(await refusalCode(createWorkspace(outsider, "Relay Inc"))).toBe("FORBIDDEN");
    expect(await db().membership.count({ where: { userId: outsider.id } })).toBe(0);
    const insider = await makeUser(`alice-${tag}@acme.example`);
    await createWorkspace(insider, "ACME integration");
    vi.stubEnv("WORKSPACE_CREATORS", "invited");
    const another = await makeUser(`bob-${tag}@acme.example`);
    await expect(createWorkspace(another, "Bob's team")).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("set up by the person who runs it"),
    });
  });
});

describe("someone named on a case who never signed in", () => {
  it("learns who named them, from which workspace, that the words are not the app's, and how to refuse more mail", async () => {
    const made = await makeCase();
    const mail = await db().outgoingMail.findFirstOrThrow({
      where: { caseId: made.caseId, toAddress: made.receiverAdmin.email, subject: { contains: "you have been added" } },
    });
    expect(mail.subject).toBe(`Renewal Desk: you have been added to a certificate renewal (case “Case ${made.tag}”)`);
    expect(mail.text).toContain(`“Owner ${made.tag}” <${made.owner.email}> started a renewal`);
    expect(mail.text).toContain(`in the workspace “Workspace ${made.tag}”`);
    expect(mail.text).toContain("The title and names above were written by them, not by Renewal Desk.");
    const link = /refuse all further mail from it here: (\S+)/.exec(mail.text)?.[1];
    expect(link).toMatch(/^http:\/\/localhost:\d+\/mail\/opt-out\//);
    expect(readOptOutToken(link!.split("/").pop()!)).toEqual({
      workspaceId: made.workspaceId,
      email: made.receiverAdmin.email,
    });
    expect(mail.headers).toEqual({
      "List-Unsubscribe": expect.stringMatching(/^<http:\/\/localhost:\d+\/api\/mail\/opt-out\/.+>$/),
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
  });

  it("is not told this again once they have signed in", async () => {
    const tag = uniqueTag();
    const { owner, workspaceId } = await ownerWithWorkspace(tag);
    const regular = await makeUser(`regular-${tag}@partner.test`);
    await db().user.update({ where: { id: regular.id }, data: { emailVerified: new Date() } });
    const { caseId } = await createCase(
      owner,
      caseNaming(workspaceId, {
        tenantAdmins: [owner.email],
        receiverAdmins: [regular.email],
        integrationDevelopers: [owner.email],
      }),
    );
    const mail = await db().outgoingMail.findFirstOrThrow({
      where: { caseId, toAddress: regular.email, subject: { contains: "you have been added" } },
    });
    expect(mail.text).not.toContain("You have not used Renewal Desk before");
    expect(mail.headers).toMatchObject({ "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });
  });

  it("once they refused, gets no more mail from the workspace, and cannot be named on its cases", async () => {
    const made = await makeCase();
    await refuseMail(made.workspaceId, made.receiverAdmin.email, "mail-client");
    await refuseMail(made.workspaceId, made.receiverAdmin.email, "page"); // twice is once
    expect(await db().auditEvent.count({ where: { workspaceId: made.workspaceId, kind: "mail.opted_out" } })).toBe(1);
    // Step 1 done: step 2 is a hand-over to the receiver administrator, whose mail is now suppressed.
    await uploadNewCertificates(made.caseId, made.tenantAdmin.id);
    const toReceiver = await db().outgoingMail.count({
      where: {
        caseId: made.caseId,
        toAddress: made.receiverAdmin.email,
        createdAt: { gt: new Date(Date.now() - 60_000) },
        subject: { contains: "step 3" },
      },
    });
    expect(toReceiver).toBe(0);
    expect(await db().auditEvent.count({ where: { caseId: made.caseId, kind: "mail.suppressed" } })).toBeGreaterThan(0);
    const naming = caseNaming(made.workspaceId, {
      tenantAdmins: [made.tenantAdmin.email],
      receiverAdmins: [made.receiverAdmin.email],
      integrationDevelopers: [made.developer.email],
    });
    await expect(createCase(made.owner, naming)).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fieldErrors: {
        receiverAdmins: [
          `${made.receiverAdmin.email} has refused mail from this workspace and cannot be named on its cases.`,
        ],
      },
    });
    await acceptMailAgain(made.workspaceId, made.receiverAdmin.email);
    await createCase(made.owner, naming);
  });
});
