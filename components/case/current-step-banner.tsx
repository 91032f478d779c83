import Link from "next/link";
import { ROLE_LABEL, workflowFor, type Role, type Variant } from "@/lib/workflow";
import type { CaseDetail } from "@/lib/workflow/queries/case-detail";
import { Notice } from "@/components/ui/notice";

/** The first thing on the case page: is it my turn, and if not, whose. */
export function CurrentStepBanner({ variant, steps, participants, viewerRoles }: {
  variant: Variant;
  steps: CaseDetail["steps"];
  participants: CaseDetail["participants"];
  viewerRoles: Role[];
}) {
  const ready = steps.find((step) => step.status === "READY");
  if (!ready) return null;
  const definition = workflowFor(variant).steps[ready.number - 1]!;
  if (viewerRoles.includes(ready.role)) {
    return (
      <Notice tone="info">
        <strong>Your turn:</strong> step {ready.number} — {definition.title}. <Link href={`#step-${ready.number}`}>Go to the step</Link>
      </Notice>
    );
  }
  const holders = participants.filter((participant) => participant.role === ready.role).map((participant) => participant.user.name ?? participant.user.email);
  return (
    <Notice tone="info">
      Waiting for the {ROLE_LABEL[ready.role].toLowerCase()} ({holders.join(", ") || "nobody named"}) on step {ready.number} — {definition.title}.
    </Notice>
  );
}
