import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { requireUserOrRedirect } from "@/lib/auth/session";
import { membershipsOf } from "@/lib/workspaces/queries/memberships";
import { NewCaseForm } from "@/components/case/new-case-form";
import { Notice } from "@/components/ui/notice";
import { renewalSource } from "@/lib/workflow/queries/renewal-source";
import { tenantsOfWorkspace } from "@/lib/tenant/queries/connections";
import { tenantEntrySource } from "@/lib/tenant/queries/entries";

export const metadata: Metadata = { title: "New case" };

export default async function NewCasePage({
  searchParams,
}: {
  searchParams: Promise<{ fromCertificate?: string; fromTenantEntry?: string }>;
}) {
  const user = await requireUserOrRedirect("/cases/new");
  const { fromCertificate, fromTenantEntry } = await searchParams;
  const renewal = fromCertificate
    ? await renewalSource(user.id, fromCertificate).then(
        ({ certificateId, ...rest }) => ({
          ...rest,
          source: { field: "oldCertificateId" as const, id: certificateId },
        }),
        () => undefined,
      )
    : fromTenantEntry
      ? await tenantEntrySource(user.id, fromTenantEntry).then(
          ({ entryId, ...rest }) => ({ ...rest, source: { field: "fromTenantEntry" as const, id: entryId } }),
          () => undefined,
        )
      : undefined;
  const memberships = await membershipsOf(user.id);
  if (memberships.length === 0) redirect("/welcome");
  const workspaces = memberships
    .filter((membership) => membership.role !== "GUEST")
    .map((membership) => membership.workspace);
  const tenants = (
    await Promise.all(
      workspaces.map(async (workspace) =>
        (await tenantsOfWorkspace(workspace.id)).map((tenant) => ({
          id: tenant.id,
          name: tenant.name,
          workspaceName: workspace.name,
        })),
      ),
    )
  ).flat();
  return (
    <section className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold">New renewal case</h1>
      <p className="text-sm text-slate-700">
        A case runs one certificate renewal around an integration tenant, step by step, with the people it needs. Say
        what is renewed and Renewal Desk proposes the procedure.
      </p>
      {workspaces.length === 0 ? (
        <Notice tone="info">
          You take part in cases as a guest, and guests do not start cases: a member of the workspace does. Ask the
          person who named you on your case (you find them on the case page) to start the renewal, and they will name
          you on it.
        </Notice>
      ) : (
        <NewCaseForm
          workspaces={renewal ? workspaces.filter((workspace) => workspace.id === renewal.workspaceId) : workspaces}
          defaultTenantAdmin={user.email}
          renewal={renewal}
          tenants={tenants}
        />
      )}
    </section>
  );
}
