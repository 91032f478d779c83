import type { ReactNode } from "react";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/session";
import { AppHeader } from "@/components/layout/app-header";
import { membershipsOf } from "@/lib/workspaces/queries/memberships";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  if (!user) redirect("/signin");
  const member = (await membershipsOf(user.id)).some((membership) => membership.role !== "GUEST");
  return (
    <>
      <AppHeader email={user.email} member={member} />
      <main className="mx-auto max-w-6xl space-y-6 px-6 py-6">{children}</main>
    </>
  );
}
