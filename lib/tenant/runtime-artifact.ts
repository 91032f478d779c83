import { z } from "zod";
import { odataDate } from "./odata";

/** A deployed integration artifact (`com.sap.hci.api.IntegrationRuntimeArtifact`, reference §3). */
export interface RuntimeArtifact {
  id: string;
  name: string | null;
  version: string | null;
  /** "INTEGRATION_FLOW"; other values are not documented. */
  type: string | null;
  /** A user, or the OAuth client id when deployed through the API. */
  deployedBy: string | null;
  /** `DeployedOn` arrives as `/Date(ms)/` or as ISO 8601 without a zone (§3); both are read. */
  deployedOn: Date | null;
  /** STARTED and ERROR are final, STARTING and STOPPING transient (§3). */
  status: string | null;
}

const text = z
  .string()
  .nullish()
  .transform((value) => value ?? null);

const runtimeArtifactSchema = z
  .object({
    Id: z.string().min(1),
    Name: text,
    Version: text,
    Type: text,
    DeployedBy: text,
    DeployedOn: odataDate.nullish().transform((value) => value ?? null),
    Status: text,
  })
  .transform((artifact): RuntimeArtifact => ({
    id: artifact.Id,
    name: artifact.Name,
    version: artifact.Version,
    type: artifact.Type,
    deployedBy: artifact.DeployedBy,
    deployedOn: artifact.DeployedOn,
    status: artifact.Status,
  }));

/** A runtime artifact from its OData JSON, or undefined when it has no Id or a field of the wrong type. */
export function toRuntimeArtifact(json: unknown): RuntimeArtifact | undefined {
  const parsed = runtimeArtifactSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}
