import type { ReceiverLandscape } from "@/lib/generated/prisma/enums";
import type { WorkflowDefinition } from "./definitions";

export interface ChecklistTemplateItem {
  label: string;
  /** Who usually does it when it is not the receiver administrator. */
  thirdParty?: string;
}

export const LANDSCAPE_LABEL: Record<ReceiverLandscape, string> = {
  GENERIC_HTTPS: "Generic HTTPS server",
  SAP_WEB_DISPATCHER_ABAP: "SAP Web Dispatcher in front of an AS ABAP back end",
  CUSTOM: "Custom (the receiver administrator writes the list)",
};

/**
 * The receiver configuration tasks per landscape (step 3 of A, step 8 of B). In A the new certificate is accepted
 * next to the old one; in B it replaces it. Under the same CA nothing about trust changes.
 */
export function receiverChecklist(
  landscape: ReceiverLandscape,
  definition: Pick<WorkflowDefinition, "variant" | "certificate">,
): ChecklistTemplateItem[] {
  const accept = definition.variant === "A" ? "next to the old one" : "in place of the old one";
  const newCa = definition.certificate.ca !== "same";
  switch (landscape) {
    case "GENERIC_HTTPS":
      return [
        ...(newCa ? [{ label: "Import the new root CA certificate into the server's trust store" }] : []),
        { label: `Accept the new client certificate ${accept}` },
        {
          label: newCa
            ? "Reload or restart the server so that the new trust settings take effect"
            : "Reload or restart the server so that the change takes effect",
        },
      ];
    case "SAP_WEB_DISPATCHER_ABAP":
      return [
        ...(newCa ? [{ label: "Make SAP Web Dispatcher (the reverse proxy) trust the new CA, then restart it" }] : []),
        { label: `Map the new client certificate to the user in the AS ABAP back end (${accept})` },
        ...(newCa
          ? [
              { label: "Add the new CA to the Web Dispatcher farm", thirdParty: "SAP IT" },
              { label: "Upload the new CA into the certificate trust list (Edit Certificate Trust List)" },
            ]
          : []),
        {
          label: "Update the communication arrangement so that the new certificate maps to the inbound technical user",
        },
      ];
    case "CUSTOM":
      return [];
  }
}
