import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import type { SignedInUser } from "@/lib/auth/session";

/**
 * Every server action and route handler, called as: signed out; a member of another workspace; each of the three
 * roles on the case; the workspace owner. Calls that must be refused are refused and change nothing. The list of
 * actions and routes is read from the code, so a new one without an entry below fails this suite.
 */
const session = vi.hoisted(() => ({ user: null as SignedInUser | null }));
vi.mock("@/lib/auth/session", async () => {
  const { AppError } = await import("@/lib/errors");
  return {
    currentUser: async () => session.user,
    requireUser: async () => {
      if (!session.user) throw new AppError("NOT_SIGNED_IN", "Sign in.");
      return session.user;
    },
  };
});
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { digest: `NEXT_REDIRECT;replace;${url};307;` });
  },
  notFound: () => {
    throw Object.assign(new Error("NEXT_NOT_FOUND"), { digest: "NEXT_HTTP_ERROR_FALLBACK;404" });
  },
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": "192.0.2.10", "user-agent": "authorization-matrix" }),
  cookies: async () => ({ get: () => undefined }),
}));

const { db } = await import("@/lib/db");
const { mailWorkerIdle } = await import("@/lib/mail/store/delivery");
const { makeCase, makeUser, uniqueTag, uploadNewCertificates } = await import("../factories");

type Persona = "signedOut" | "stranger" | "TENANT_ADMIN" | "RECEIVER_ADMIN" | "INTEGRATION_DEVELOPER" | "OWNER";
const PERSONAS: Persona[] = [
  "signedOut",
  "stranger",
  "TENANT_ADMIN",
  "RECEIVER_ADMIN",
  "INTEGRATION_DEVELOPER",
  "OWNER",
];
const VIEWERS: Persona[] = ["TENANT_ADMIN", "RECEIVER_ADMIN", "INTEGRATION_DEVELOPER", "OWNER"];
const SIGNED_IN: Persona[] = PERSONAS.filter((persona) => persona !== "signedOut");
const AUTHZ_CODES = new Set(["NOT_SIGNED_IN", "NOT_FOUND", "FORBIDDEN", "NOT_YOUR_ROLE"]);

type Fixture = Awaited<ReturnType<typeof fixture>>;

async function fixture(variant: "A" | "B") {
  const made = await makeCase({ variant });
  await uploadNewCertificates(made.caseId, made.tenantAdmin.id);
  const stranger = await makeUser(`stranger-${uniqueTag()}@elsewhere.test`);
  await db().workspace.create({
    data: { name: "Elsewhere", memberships: { create: { userId: stranger.id, role: "OWNER" } } },
  });
  const certificate = await db().storedCertificate.findFirstOrThrow({ where: { caseId: made.caseId, role: "root" } });
  const item = await db().checklistItem.findFirst({ where: { caseId: made.caseId } });
  const users: Record<Exclude<Persona, "signedOut">, SignedInUser> = {
    stranger,
    TENANT_ADMIN: made.tenantAdmin,
    RECEIVER_ADMIN: made.receiverAdmin,
    INTEGRATION_DEVELOPER: made.developer,
    OWNER: made.owner,
  };
  // A tenant of the case's workspace; its secret cannot be opened, which only the owner's test gets to find out.
  const tenant = await db().tenantConnection.create({
    data: {
      workspaceId: made.workspaceId,
      name: `Matrix tenant ${made.caseId}`,
      apiUrl: "https://matrix.invalid",
      tokenUrl: "https://matrix.invalid/oauth/token",
      clientId: "matrix",
      clientSecretSealed: "v1:00000000:not:a:secret",
      createdById: made.owner.id,
    },
  });
  return { ...made, users, certificateId: certificate.id, itemId: item?.id ?? "none", tenantId: tenant.id };
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

interface Entry {
  variant?: "A" | "B";
  allowed: Persona[];
  call: (f: Fixture) => Promise<{ refused: boolean; detail: string }>;
}

async function viaAction(action: (previous: null, data: FormData) => Promise<unknown>, data: FormData) {
  try {
    const result = (await action(null, data)) as { ok: boolean; code?: string } | undefined;
    const code = result && !result.ok ? (result.code ?? "") : "ok";
    return { refused: AUTHZ_CODES.has(code), detail: code };
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? "";
    if (digest.startsWith("NEXT_REDIRECT")) return { refused: false, detail: "redirect" };
    throw error;
  }
}

/** A UTC wall time `days` from now at `hour`:00, as the window form takes it (windows may be at most a year ahead). */
function wallTimeInDays(days: number, hour: number): string {
  const day = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  return `${day}T${String(hour).padStart(2, "0")}:00`;
}

async function viaRoute(response: Promise<Response>) {
  const { status } = await response;
  return { refused: status === 401 || status === 403 || status === 404, detail: String(status) };
}

const actions = {
  certificates: await import("@/lib/certificates/actions"),
  mail: await import("@/lib/mail/actions"),
  workflow: await import("@/lib/workflow/actions"),
  inputs: await import("@/lib/workflow/input-actions"),
  links: await import("@/lib/workflow/link-actions"),
  workspaces: await import("@/lib/workspaces/actions"),
  tenant: await import("@/lib/tenant/actions"),
};
const routes = {
  audit: await import("@/app/(app)/cases/[caseId]/audit/export/route"),
  certificate: await import("@/app/(app)/cases/[caseId]/certificates/[certificateId]/route"),
  chain: await import("@/app/(app)/cases/[caseId]/certificates/chain/route"),
  validate: await import("@/app/api/v1/certificates/validate/route"),
};

const MATRIX: Record<string, Entry | { public: string }> = {
  "lib/auth/actions.ts#requestSignInLinkAction": { public: "asks for a sign-in link: open to everyone, rate-limited" },
  "lib/auth/actions.ts#signInWithProviderAction": {
    public: "starts a sign-in at a configured company provider: open to everyone, changes nothing here",
  },
  "lib/auth/actions.ts#signOutAction": { public: "ends one's own session" },
  "lib/workflow/link-actions.ts#confirmActionLinkAction": {
    allowed: PERSONAS, // the token is the credential; an unknown token is refused as LINK_UNKNOWN for everyone
    call: () => viaAction(actions.links.confirmActionLinkAction, form({ token: "x".repeat(43) })),
  },
  "lib/workspaces/actions.ts#createWorkspaceAction": {
    allowed: SIGNED_IN,
    call: () => viaAction(actions.workspaces.createWorkspaceAction, form({ name: "Matrix team" })),
  },
  "lib/tenant/actions.ts#addTenantAction": {
    allowed: ["OWNER"],
    call: (f) =>
      viaAction(
        actions.tenant.addTenantAction,
        form({ workspaceId: f.workspaceId, name: "Matrix tenant", serviceKey: "{}" }),
      ),
  },
  "lib/tenant/actions.ts#readKeystoreNowAction": {
    allowed: ["OWNER"],
    call: (f) => viaAction(actions.tenant.readKeystoreNowAction, form({ tenantId: f.tenantId })),
  },
  "lib/tenant/actions.ts#testTenantAction": {
    allowed: ["OWNER"],
    call: (f) => viaAction(actions.tenant.testTenantAction, form({ tenantId: f.tenantId })),
  },
  "lib/workflow/actions.ts#createCaseAction": {
    allowed: ["TENANT_ADMIN", "INTEGRATION_DEVELOPER", "OWNER"],
    call: (f) =>
      viaAction(
        actions.workflow.createCaseAction,
        form({
          workspaceId: f.workspaceId,
          title: "Matrix case",
          receiverSystem: "R",
          acceptsBoth: "yes",
          operatingModel: "CUSTOMER_MANAGED",
          keystoreAlias: "a",
          runtimeNodes: "n",
          integrationFlows: "f",
          tenantAdmins: f.tenantAdmin.email,
          receiverAdmins: f.receiverAdmin.email,
          integrationDevelopers: f.developer.email,
        }),
      ),
  },
  "lib/workflow/actions.ts#completeStepAction": {
    allowed: ["RECEIVER_ADMIN"],
    call: (f) =>
      viaAction(actions.workflow.completeStepAction, form({ caseId: f.caseId, stepNumber: "3", confirm: "yes" })),
  },
  "lib/workflow/actions.ts#cancelCaseAction": {
    allowed: ["OWNER"],
    call: (f) => viaAction(actions.workflow.cancelCaseAction, form({ caseId: f.caseId, reason: "Matrix check" })),
  },
  "lib/workflow/actions.ts#switchToSameCaAction": {
    // Whoever may upload the certificates may switch; here step 1 is done, so the tenant administrator gets past
    // the role check and is then refused because a step is done.
    allowed: ["TENANT_ADMIN"],
    call: (f) => viaAction(actions.workflow.switchToSameCaAction, form({ caseId: f.caseId })),
  },
  "lib/certificates/actions.ts#uploadNewCertificatesAction": {
    allowed: ["TENANT_ADMIN"],
    call: (f) => viaAction(actions.certificates.uploadNewCertificatesAction, form({ caseId: f.caseId })),
  },
  "lib/certificates/actions.ts#checkFingerprintAction": {
    allowed: VIEWERS,
    call: (f) =>
      viaAction(actions.certificates.checkFingerprintAction, form({ caseId: f.caseId, fingerprint: "AB".repeat(32) })),
  },
  "lib/mail/actions.ts#resendMailAction": {
    allowed: VIEWERS,
    call: (f) => viaAction(actions.mail.resendMailAction, form({ caseId: f.caseId, mailId: "none" })),
  },
  "lib/workflow/input-actions.ts#confirmAliasAction": {
    allowed: ["TENANT_ADMIN"],
    call: (f) =>
      viaAction(actions.inputs.confirmAliasAction, form({ caseId: f.caseId, stepNumber: "5", alias: "client_cert" })),
  },
  "lib/workflow/input-actions.ts#announceCutOverAction": {
    // These cases have no cut-over step, so nobody may announce one; on the load balancer procedure the roles are
    // checked step by step in tests/integration/workflow/who-may-act.test.ts.
    allowed: [],
    call: (f) =>
      viaAction(
        actions.inputs.announceCutOverAction,
        form({ caseId: f.caseId, stepNumber: "2", timeZone: "UTC", cutOverAt: wallTimeInDays(3, 6) }),
      ),
  },
  "lib/workflow/input-actions.ts#confirmGridAction": {
    allowed: ["INTEGRATION_DEVELOPER"],
    call: (f) =>
      viaAction(
        actions.inputs.confirmGridAction,
        form({ caseId: f.caseId, stepNumber: "7", cell: JSON.stringify({ flow: "Flow 1", node: "node-1" }) }),
      ),
  },
  "lib/workflow/input-actions.ts#addNodesAction": {
    allowed: ["TENANT_ADMIN", "INTEGRATION_DEVELOPER", "OWNER"],
    call: (f) =>
      viaAction(actions.inputs.addNodesAction, form({ caseId: f.caseId, nodes: `node-${uniqueTag()}`, flows: "" })),
  },
  "lib/workflow/input-actions.ts#tickChecklistAction": {
    allowed: ["RECEIVER_ADMIN"],
    call: (f) =>
      viaAction(actions.inputs.tickChecklistAction, form({ caseId: f.caseId, itemId: f.itemId, performer: "self" })),
  },
  "lib/workflow/input-actions.ts#addChecklistItemAction": {
    allowed: ["RECEIVER_ADMIN"],
    call: (f) => viaAction(actions.inputs.addChecklistItemAction, form({ caseId: f.caseId, label: "Extra task" })),
  },
  "lib/workflow/input-actions.ts#oldRootDecisionAction": {
    allowed: ["RECEIVER_ADMIN"],
    call: (f) =>
      viaAction(
        actions.inputs.oldRootDecisionAction,
        form({ caseId: f.caseId, stepNumber: "9", oldRoot: "kept", reason: "matrix" }),
      ),
  },
  "lib/workflow/input-actions.ts#proposeWindowsAction": {
    variant: "B",
    allowed: ["TENANT_ADMIN", "RECEIVER_ADMIN"],
    call: (f) =>
      viaAction(
        actions.inputs.proposeWindowsAction,
        form({
          caseId: f.caseId,
          timeZone: "UTC",
          window0Start: wallTimeInDays(30, 6),
          window0End: wallTimeInDays(30, 7),
        }),
      ),
  },
  "lib/workflow/input-actions.ts#acceptWindowAction": {
    variant: "B",
    allowed: ["TENANT_ADMIN", "RECEIVER_ADMIN"],
    call: (f) => viaAction(actions.inputs.acceptWindowAction, form({ caseId: f.caseId, proposalId: "none" })),
  },
  "lib/workflow/input-actions.ts#stopEarlyAction": {
    variant: "B",
    allowed: ["TENANT_ADMIN"],
    call: (f) => viaAction(actions.inputs.stopEarlyAction, form({ caseId: f.caseId, confirmEarly: "yes" })),
  },
  "app/api/auth/[...nextauth]/route.ts#GET": { public: "Auth.js endpoints (sign-in flow)" },
  "app/api/auth/[...nextauth]/route.ts#POST": { public: "Auth.js endpoints (sign-in flow)" },
  "app/api/mail/opt-out/[token]/route.ts#GET": { public: "refusal of a workspace's mail: GET only shows the page" },
  "app/api/mail/opt-out/[token]/route.ts#POST": {
    public:
      "refusal of a workspace's mail: the signed link is the credential (tests/integration/security/mail-relay.test.ts)",
  },
  "app/dev/mailbox/[messageId]/attachments/[index]/route.ts#GET": {
    public: "development mailbox: exists only when no mail is really sent (404 otherwise), like its pages",
  },
  "app/(app)/cases/[caseId]/audit/export/route.ts#GET": {
    allowed: VIEWERS,
    call: (f) =>
      viaRoute(
        routes.audit.GET(new Request(`http://test/cases/${f.caseId}/audit?format=json`), {
          params: Promise.resolve({ caseId: f.caseId }),
        }),
      ),
  },
  "app/(app)/cases/[caseId]/certificates/[certificateId]/route.ts#GET": {
    allowed: VIEWERS,
    call: (f) =>
      viaRoute(
        routes.certificate.GET(new Request(`http://test/x?format=der`), {
          params: Promise.resolve({ caseId: f.caseId, certificateId: f.certificateId }),
        }),
      ),
  },
  "app/(app)/cases/[caseId]/certificates/chain/route.ts#GET": {
    allowed: VIEWERS,
    call: (f) =>
      viaRoute(
        routes.chain.GET(new Request(`http://test/x?format=p7b`), { params: Promise.resolve({ caseId: f.caseId }) }),
      ),
  },
  "app/api/v1/certificates/validate/route.ts#POST": {
    allowed: SIGNED_IN,
    call: () => {
      const body = new FormData();
      body.append("leaf", "not a certificate");
      return viaRoute(
        routes.validate.POST(new Request("http://test/api/v1/certificates/validate", { method: "POST", body })),
      );
    },
  },
};

function filesUnder(root: string, folder: string, matches: (name: string) => boolean): string[] {
  return (readdirSync(path.join(root, folder), { recursive: true, withFileTypes: true }) as import("node:fs").Dirent[])
    .filter((entry) => entry.isFile() && matches(entry.name) && !entry.parentPath.includes("generated"))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

/** What the code exposes: exported async functions of "use server" modules, and HTTP methods of route handlers. */
function exposedByCode(): string[] {
  const root = path.resolve(import.meta.dirname, "../../..");
  const found: string[] = [];
  for (const file of filesUnder(root, "lib", (name) => name.endsWith(".ts"))) {
    const text = readFileSync(path.join(root, file), "utf8");
    if (!text.startsWith('"use server"')) continue;
    for (const match of text.matchAll(/^export async function (\w+)/gm)) found.push(`${file}#${match[1]}`);
  }
  for (const file of filesUnder(root, "app", (name) => name === "route.ts")) {
    const text = readFileSync(path.join(root, file), "utf8");
    for (const match of text.matchAll(
      /^export (?:async function|const \{[^}]*\}|function) ?(GET|POST|PUT|PATCH|DELETE)?/gm,
    ))
      if (match[1]) found.push(`${file}#${match[1]}`);
    for (const match of text.matchAll(/^export const \{ ([^}]+) \}/gm))
      for (const method of match[1]!.split(",")) found.push(`${file}#${method.trim()}`);
  }
  return [...new Set(found)].sort();
}

async function footprint(caseId: string) {
  await mailWorkerIdle();
  const [counts] = await db().$queryRaw<Record<string, bigint>[]>`
    SELECT (SELECT count(*) FROM "Case") AS cases, (SELECT count(*) FROM "Workspace") AS workspaces, (SELECT count(*) FROM "Membership") AS memberships,
           (SELECT count(*) FROM "AuditEvent") AS audit, (SELECT count(*) FROM "OutgoingMail") AS mails, (SELECT count(*) FROM "CertificateUpload") AS uploads,
           (SELECT count(*) FROM "DowntimeProposal") AS proposals, (SELECT count(*) FROM "FlowNodeConfirmation") AS cells, (SELECT count(*) FROM "ChecklistItem") AS items,
           (SELECT count(*) FROM "TenantConnection") AS tenants`;
  const steps = await db().step.findMany({ where: { caseId }, orderBy: { number: "asc" }, select: { status: true } });
  const found = await db().case.findUniqueOrThrow({
    where: { id: caseId },
    select: { status: true, runtimeNodes: true, windowStart: true },
  });
  return JSON.stringify({
    counts: Object.fromEntries(Object.entries(counts!).map(([key, value]) => [key, Number(value)])),
    steps,
    found,
  });
}

const tally = { calls: 0, refused: 0, allowed: 0, wrong: [] as string[] };
afterAll(() => {
  console.info(
    `authz: ${tally.calls} calls, ${tally.refused} refused, ${tally.allowed} allowed, ${tally.wrong.length} wrong`,
  );
});

describe("authorization matrix", () => {
  it("has an entry for every server action and route handler in the code", () => {
    expect(exposedByCode()).toEqual(Object.keys(MATRIX).sort());
  });

  for (const [name, entry] of Object.entries(MATRIX)) {
    if ("public" in entry) continue;
    it(`${name}: only ${entry.allowed.join(", ")} get through; every refusal changes nothing`, async () => {
      const f = await fixture(entry.variant ?? "A");
      for (const persona of PERSONAS) {
        session.user = persona === "signedOut" ? null : f.users[persona];
        const before = await footprint(f.caseId);
        const outcome = await entry.call(f);
        const shouldPass = entry.allowed.includes(persona);
        tally.calls += 1;
        if (outcome.refused) tally.refused += 1;
        else tally.allowed += 1;
        if (outcome.refused === shouldPass) tally.wrong.push(`${name} as ${persona}: ${outcome.detail}`);
        expect({ persona, refused: outcome.refused, detail: outcome.detail }).toMatchObject({
          persona,
          refused: !shouldPass,
        });
        if (outcome.refused) expect(await footprint(f.caseId)).toBe(before);
      }
      session.user = null;
    });
  }
});
