import type { Metadata } from "next";
import { requireUserOrRedirect } from "@/lib/auth/session";
import { CreateWorkspaceForm } from "@/components/layout/create-workspace-form";

export const metadata: Metadata = { title: "Welcome" };

export default async function WelcomePage() {
  await requireUserOrRedirect("/welcome");
  return (
    <section className="max-w-xl space-y-4">
      <h1 className="text-2xl font-bold">Welcome to Renewal Desk</h1>
      <p>
        You are not part of any workspace yet. If a colleague named you on a case, you will see it here as soon as they
        do. To run renewals for your own team, start a workspace; you will be its owner.
      </p>
      <CreateWorkspaceForm />
    </section>
  );
}
