import type { Metadata } from "next";
import Link from "next/link";
import { requireUserOrRedirect } from "@/lib/auth/session";
import { membershipsOf } from "@/lib/workspaces/queries/memberships";
import { tenantsOfWorkspace } from "@/lib/tenant/queries/connections";
import { AddTenantForm } from "@/components/tenants/add-tenant-form";
import { TenantButton } from "@/components/tenants/tenant-button";
import { readKeystoreNowAction, testTenantAction } from "@/lib/tenant/actions";
import { entriesOfTenant } from "@/lib/tenant/queries/entries";
import { Time } from "@/components/ui/time";

export const metadata: Metadata = { title: "Integration tenants" };

/** A workspace's SAP Cloud Integration tenants: connected by its owners, used to check the keystore step. */
export default async function TenantsPage({ searchParams }: { searchParams: Promise<{ workspace?: string }> }) {
  const user = await requireUserOrRedirect("/tenants");
  const owned = (await membershipsOf(user.id)).filter((membership) => membership.role === "OWNER");
  const { workspace: requested } = await searchParams;
  const workspace = (owned.find((membership) => membership.workspace.id === requested) ?? owned[0])?.workspace;
  if (!workspace) {
    return (
      <section className="max-w-2xl space-y-3">
        <h1 className="text-2xl font-bold">Integration tenants</h1>
        <p>
          Owners of a workspace connect its integration tenants. You own none; ask an owner of your workspace, or see
          your <Link href="/inbox">inbox</Link>.
        </p>
      </section>
    );
  }
  const tenants = await Promise.all(
    (await tenantsOfWorkspace(workspace.id)).map(async (tenant) => ({
      ...tenant,
      entries: await entriesOfTenant(tenant.id),
    })),
  );
  return (
    <section className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold">Integration tenants — {workspace.name}</h1>
      <p className="text-sm text-slate-700">
        With a connected tenant, Renewal Desk reads its keystore when the tenant administrator confirms the keystore
        step, and completes the step only when the tenant holds the new certificate under the case&apos;s alias. The
        service key needs the role <code>MonitoringDataRead</code>.
      </p>
      {tenants.length > 0 ? (
        <ul className="space-y-3" aria-label="Connected tenants">
          {tenants.map((tenant) => (
            <li key={tenant.id} className="space-y-1 rounded border border-slate-200 bg-white p-3 text-sm">
              <p className="font-semibold">{tenant.name}</p>
              <p>
                {tenant.apiUrl} · client <code>{tenant.clientId}</code>
              </p>
              <p>
                Last test: {tenant.testedAt ? <Time value={tenant.testedAt} /> : "never"}
                {tenant.testFailure ? ` — ${tenant.testFailure}` : tenant.testedAt ? " — it answered" : ""}
              </p>
              <TenantButton
                action={testTenantAction}
                tenantId={tenant.id}
                label="Test connection"
                busyLabel="Testing…"
                accessibleName={`Test connection to ${tenant.name}`}
              />
              <p>
                Keystore last read: {tenant.keystoreReadAt ? <Time value={tenant.keystoreReadAt} /> : "never"}
                {tenant.keystoreReadFailure ? ` — the last attempt failed: ${tenant.keystoreReadFailure}` : ""}
              </p>
              <TenantButton
                action={readKeystoreNowAction}
                tenantId={tenant.id}
                label="Read the keystore now"
                busyLabel="Reading…"
                accessibleName={`Read the keystore of ${tenant.name} now`}
              />
              {tenant.entries.length > 0 ? (
                <table className="w-full text-left" aria-label={`Keystore of ${tenant.name}`}>
                  <thead>
                    <tr className="border-b text-slate-600">
                      <th className="py-1 pr-3">Alias</th>
                      <th className="pr-3">Type</th>
                      <th className="pr-3">Subject</th>
                      <th className="pr-3">Expires</th>
                    </tr>
                  </thead>
                  <tbody>
                    {tenant.entries.map((entry) => (
                      <tr key={entry.id} className="border-b border-slate-200">
                        <td className="py-1 pr-3">
                          <code>{entry.alias}</code>
                        </td>
                        <td className="pr-3">{entry.type}</td>
                        <td className="pr-3">{entry.subject}</td>
                        <td className="pr-3">{entry.notAfter ? <Time value={entry.notAfter} /> : "—"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>No tenant is connected yet.</p>
      )}
      <AddTenantForm workspaceId={workspace.id} />
    </section>
  );
}
