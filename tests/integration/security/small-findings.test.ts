import { describe, expect, it, vi } from "vitest";
import type { SignedInUser } from "@/lib/auth/session";

/** The small findings of the outside probe (issue 12, item 8) and the echo of secrets (item 6), as the probe did them. */
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
  headers: async () => new Headers({ "user-agent": "small-findings" }),
  cookies: async () => ({ get: () => undefined }),
}));

const { db } = await import("@/lib/db");
const { makeCase, footprint, uniqueTag, uploadNewCertificates } = await import("../factories");
const { createCaseAction, completeStepAction } = await import("@/lib/workflow/actions");
const { confirmGridAction } = await import("@/lib/workflow/input-actions");
const { loadCaseList } = await import("@/lib/workflow/queries/case-list");
const audit = await import("@/app/(app)/cases/[caseId]/audit/export/route");

const PRIVATE_KEY =
  "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDLsecretkeymaterial\n-----END PRIVATE KEY-----\n";

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

describe("answers never carry back key material", () => {
  it("a private key pasted as the old certificate is refused, and the answer does not contain it", async () => {
    const made = await makeCase();
    session.user = made.owner;
    const result = await createCaseAction(
      null,
      form({
        workspaceId: made.workspaceId,
        title: `Echo ${made.tag}`,
        receiverSystem: "Receiver",
        acceptsBoth: "yes",
        operatingModel: "CUSTOMER_MANAGED",
        keystoreAlias: "client_cert",
        runtimeNodes: "node-1",
        integrationFlows: "Flow 1",
        tenantAdmins: made.tenantAdmin.email,
        receiverAdmins: made.receiverAdmin.email,
        integrationDevelopers: made.developer.email,
        oldLeafText: PRIVATE_KEY,
      }),
    );
    expect(result).toMatchObject({
      ok: false,
      code: "VALIDATION_FAILED",
      values: { title: `Echo ${made.tag}`, tenantAdmins: made.tenantAdmin.email },
    });
    expect(JSON.stringify(result)).not.toContain(
      "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDLsecretkeymaterial",
    );
    expect(JSON.stringify(result)).not.toContain("BEGIN PRIVATE KEY");
    expect(await db().case.count({ where: { title: `Echo ${made.tag}` } })).toBe(0);
  });

  it("a private key pasted as a step's comment is refused, not stored, and not sent back", async () => {
    const made = await makeCase();
    await uploadNewCertificates(made.caseId, made.tenantAdmin.id);
    session.user = made.receiverAdmin;
    const before = await footprint(made.caseId);
    const result = await completeStepAction(
      null,
      form({ caseId: made.caseId, stepNumber: "3", confirm: "yes", comment: PRIVATE_KEY }),
    );
    expect(result).toMatchObject({
      ok: false,
      code: "VALIDATION_FAILED",
      fieldErrors: { comment: expect.stringContaining("never paste a private key") },
    });
    expect(JSON.stringify(result)).not.toContain("BEGIN PRIVATE KEY");
    expect(await footprint(made.caseId)).toEqual(before);
    // An ordinary comment that fails for another reason is still given back to refill the form.
    const other = await completeStepAction(
      null,
      form({ caseId: made.caseId, stepNumber: "3", comment: "Both accepted on rd-proxy-01" }),
    );
    expect(other).toMatchObject({
      ok: false,
      values: { comment: "Both accepted on rd-proxy-01" },
      fieldErrors: { confirm: "Tick the box to confirm that the step is done." },
    });
  });
});

describe("small findings", () => {
  it("a malformed grid cell gets a plain validation message, not an unexpected failure, and stores nothing", async () => {
    const made = await makeCase();
    session.user = made.developer;
    const before = await footprint(made.caseId);
    for (const cell of [
      "{not json",
      JSON.stringify({ flow: "Flow 1" }),
      JSON.stringify({ flow: 1, node: [] }),
      "x".repeat(5000),
    ]) {
      const result = await confirmGridAction(null, form({ caseId: made.caseId, stepNumber: "7", cell }));
      expect(result).toMatchObject({
        ok: false,
        code: "VALIDATION_FAILED",
        message: "A ticked cell could not be read. Reload the page and tick the cells again; nothing was saved.",
      });
    }
    expect(await footprint(made.caseId)).toEqual(before);
  });

  it("% and _ in a search are literal characters, not wildcards", async () => {
    const made = await makeCase();
    const other = await makeCase();
    const literal = `50%_off ${uniqueTag()}`;
    await db().case.update({ where: { id: made.caseId }, data: { title: literal } });
    await db().case.update({ where: { id: other.caseId }, data: { workspaceId: made.workspaceId } });
    expect((await loadCaseList(made.owner.id, { page: 1 })).total).toBe(2);
    const everything = await loadCaseList(made.owner.id, { search: "%", page: 1 });
    expect(everything.total).toBe(1);
    expect((await loadCaseList(made.owner.id, { search: "_", page: 1 })).total).toBe(1);
    expect((await loadCaseList(made.owner.id, { search: "0%_o", page: 1 })).total).toBe(1);
    expect((await loadCaseList(made.owner.id, { search: "5_%", page: 1 })).total).toBe(0);
    expect((await loadCaseList(made.owner.id, { search: "\\", page: 1 })).total).toBe(0);
  });

  it("the audit export asks a signed-out person to sign in to download the file, not certificates", async () => {
    const made = await makeCase();
    session.user = null;
    const response = await audit.GET(new Request(`http://test/cases/${made.caseId}/audit`), {
      params: Promise.resolve({ caseId: made.caseId }),
    });
    expect(response.status).toBe(401);
    expect(await response.text()).toBe("Sign in to download this file.\n");
  });
});
