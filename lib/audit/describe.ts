import { ROLE_LABEL, type Role } from "@/lib/workflow/roles";
import { PROCEDURE_IDS, procedureName, workflowFor, type ProcedureId } from "@/lib/workflow/definitions";
import { completionNote } from "@/lib/workflow/completion-note";

type Data = Record<string, unknown>;

function role(value: unknown): string {
  return typeof value === "string" && value in ROLE_LABEL ? ROLE_LABEL[value as Role].toLowerCase() : "someone";
}

function procedure(value: unknown): string {
  return (PROCEDURE_IDS as readonly unknown[]).includes(value)
    ? procedureName(workflowFor(value as ProcedureId))
    : `procedure ${String(value)}`;
}

/**
 * One plain sentence per audit event, for the case timeline. `label` names a step as its procedure does ("4a");
 * without it, steps go by number.
 */
export function describeAuditEvent(
  kind: string,
  stepNumber: number | null,
  data: Data,
  label: (stepNumber: number) => string = String,
): string {
  const step = stepNumber === null ? "" : label(stepNumber);
  switch (kind) {
    case "case.created":
      // Cases created before procedures had names recorded their variant letter.
      return `Case created (${procedure(data.procedure ?? data.variant)}${data.keystoreAlias ? `, alias ${String(data.keystoreAlias)}` : ""})`;
    case "case.procedure_changed":
      return `Procedure changed from ${procedure(data.from)} to ${procedure(data.to)}: ${String(data.reason)}`;
    case "participant.added":
      return `${String(data.email)} added as ${role(data.role)}`;
    case "step.completed":
      return `Step ${step} confirmed${completionNote(data) ? `: ${completionNote(data)}` : ""}${typeof data.comment === "string" ? `: “${data.comment}”` : ""}${
        typeof data.ip === "string" ? ` (from ${data.ip}, ${String(data.userAgent)})` : ""
      }`;
    case "step.handed_over":
      return `Step ${step}: hand-over from the ${role(data.from)} to the ${role(data.to)} performed`;
    case "step.ready":
      return `Step ${step} is ready for the ${role(data.role)}`;
    case "case.completed":
      return "Case completed";
    case "case.cancelled":
      return `Case cancelled: ${String(data.reason)}`;
    case "mail.queued":
      return `E-mail queued to ${String(data.to)}: ${String(data.subject)}`;
    case "mail.sent":
      return `E-mail delivered to ${String(data.to)}: ${String(data.subject)}`;
    case "mail.failed":
      return `E-mail to ${String(data.to)} could not be delivered after ${String(data.attempts)} attempts (${String(data.reason)})`;
    case "mail.suppressed":
      return `No e-mail sent to ${String(data.to)}, who refused mail from this workspace: ${String(data.subject)}`;
    case "mail.opted_out":
      return `${String(data.email)} refused further mail from this workspace`;
    case "mail.opted_in":
      return `${String(data.email)} accepts mail from this workspace again`;
    case "mail.resent":
      return `E-mail to ${String(data.to)} queued again: ${String(data.subject)}`;
    case "step.reminded":
      return `Reminder ${String(data.reminder)} of ${String(data.of)} sent for step ${step}`;
    case "step.escalated":
      return `Step ${step} escalated to the workspace owners`;
    case "certificate.uploaded":
      return `${data.set === "OLD" ? "Old" : "New"} certificates stored: ${describeCertificates(data.certificates)}${
        Array.isArray(data.warnings) && data.warnings.length
          ? ` (warnings acknowledged: ${data.warnings.join(", ")})`
          : ""
      }`;
    case "certificate.downloaded":
      return `Downloaded ${data.role === "chain" ? "the whole chain" : `the ${String(data.role)} certificate`} as ${String(data.format).toUpperCase()} (SHA-256 ${String(data.sha256)})`;
    case "certificate.fingerprint_checked":
      return `Fingerprint ${String(data.fingerprint)} compared: ${data.matched ? `matches the ${String(data.role)} certificate` : "no match"}`;
    case "case.changed":
      return `Case changed: ${[
        Array.isArray(data.addedRuntimeNodes) && data.addedRuntimeNodes.length
          ? `runtime nodes added (${data.addedRuntimeNodes.join(", ")})`
          : "",
        Array.isArray(data.addedIntegrationFlows) && data.addedIntegrationFlows.length
          ? `flows added (${data.addedIntegrationFlows.join(", ")})`
          : "",
      ]
        .filter(Boolean)
        .join(", ")}`;
    case "grid.confirmed":
      return `Step ${step}: ${String(data.flow)} on ${String(data.node)} confirmed`;
    case "checklist.ticked":
      return `Receiver task done: ${String(data.item)} (by ${typeof data.performedBy === "string" ? data.performedBy : "the receiver administrator"})`;
    case "checklist.item_added":
      return `Receiver task added: ${String(data.item)}`;
    case "old_root.decided":
      return `Old root CA ${String(data.oldRoot)}: ${String(data.reason)}`;
    case "window.proposed":
      return `Downtime window proposed: ${Array.isArray(data.windows) ? data.windows.map((w: { start: string; end: string }) => `${w.start} – ${w.end}`).join("; ") : ""}`;
    case "window.accepted":
      return `Downtime window agreed: ${String(data.start)} – ${String(data.end)}`;
    case "window.started":
      return `Downtime window started: the flows are to be stopped (step ${step} performed)`;
    case "cut_over.at_risk":
      return `A day before the cut-over (${String(data.cutOverAt)}) steps ${Array.isArray(data.openSteps) ? data.openSteps.join(", ") : ""} were still open; everyone was warned`;
    case "window.overdue":
      return `Downtime window ended with steps ${Array.isArray(data.openSteps) ? data.openSteps.join(", ") : ""} still open`;
    case "workspace.created":
      return `Workspace “${String(data.name)}” created`;
    case "tenant.connected":
      return `Integration tenant “${String(data.name)}” connected (${String(data.apiUrl)})`;
    case "tenant.entry_changed":
      return `Tenant “${String(data.tenant)}”: the certificate under “${String(data.alias)}” changed outside any case (now ${String(data.subject)}, SHA-256 ${String(data.sha256)})`;
    case "tenant.entry_expiring":
      return `Tenant “${String(data.tenant)}”: the certificate under “${String(data.alias)}” expires within ${String(data.days)} days; the owners were told`;
    case "tenant.tested":
      return data.failure
        ? `Connection to tenant “${String(data.name)}” tested: ${String(data.failure)}`
        : `Connection to tenant “${String(data.name)}” tested: it answered`;
    default:
      return kind;
  }
}

function describeCertificates(value: unknown): string {
  if (!Array.isArray(value)) return "none";
  return value
    .map((entry: { role?: string; sha256?: string }) => `${entry.role} ${entry.sha256?.slice(0, 23)}…`)
    .join(", ");
}
