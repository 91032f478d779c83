import { NEW_CA_CLIENT_POLICY, validateRenewal, type RenewalPolicy } from "./policy";
import { UPLOAD_LIMITS, type UploadPart } from "./intake";
import { finding, type Finding } from "./findings";
import { BODY_LIMITS } from "@/lib/http/body-limits";
import { boundedRequest } from "@/lib/http/bounded-body";

const FIELDS = ["leaf", "root", "oldLeaf", "oldRoot"] as const;

function problem(status: number, code: string, message: string) {
  return Response.json({ accepted: false, errors: [{ code, message }], warnings: [], certificates: [] }, { status });
}

/**
 * The procedure's expectations, from the optional fields `purpose` (client, server) and `ca` (different, same, any);
 * without them, the tenant client certificate from a new CA. Null when a value is not one of those.
 */
function policyOf(form: FormData): RenewalPolicy | null {
  const purpose = form.get("purpose") ?? NEW_CA_CLIENT_POLICY.purpose;
  const ca = form.get("ca") ?? NEW_CA_CLIENT_POLICY.ca;
  if (purpose !== "client" && purpose !== "server") return null;
  if (ca !== "different" && ca !== "same" && ca !== "any") return null;
  return { purpose, ca };
}

/** The JSON validation endpoint: same result shape as `cert:check --json`. */
export async function validateUploadRequest(request: Request): Promise<Response> {
  if (!request.headers.get("content-type")?.startsWith("multipart/form-data")) {
    return problem(
      415,
      "UNPARSEABLE",
      "Send the certificates as multipart/form-data with the fields leaf, root, oldLeaf and oldRoot.",
    );
  }
  const bounded = await boundedRequest(request, BODY_LIMITS.certificateValidation);
  if (bounded instanceof Response) return bounded;
  let form: FormData;
  try {
    form = await bounded.formData();
  } catch {
    return problem(400, "UNPARSEABLE", "The multipart body could not be read.");
  }
  const policy = policyOf(form);
  if (!policy)
    return problem(
      400,
      "UNPARSEABLE",
      'The field purpose takes "client" or "server", and ca takes "different", "same" or "any".',
    );
  const parts: Record<(typeof FIELDS)[number], UploadPart[]> = { leaf: [], root: [], oldLeaf: [], oldRoot: [] };
  const early: Finding[] = [];
  for (const field of FIELDS) {
    for (const entry of form.getAll(field)) {
      const size = typeof entry === "string" ? Buffer.byteLength(entry) : entry.size;
      if (size > UPLOAD_LIMITS.maxPartBytes) {
        early.push(
          finding(
            "FILE_TOO_LARGE",
            `Field "${field}": a part is ${Math.ceil(size / 1024)} KiB; at most ${UPLOAD_LIMITS.maxPartBytes / 1024} KiB are allowed.`,
          ),
        );
        continue;
      }
      const bytes =
        typeof entry === "string" ? new TextEncoder().encode(entry) : new Uint8Array(await entry.arrayBuffer());
      parts[field].push({ name: typeof entry === "string" ? field : entry.name, bytes });
    }
  }
  if (early.length)
    return Response.json(
      {
        accepted: false,
        errors: early.map(({ code, message }) => ({ code, message })),
        warnings: [],
        certificates: [],
      },
      { status: 422 },
    );
  const result = validateRenewal({
    newLeaf: parts.leaf,
    newRoot: parts.root,
    oldLeaf: parts.oldLeaf,
    oldRoot: parts.oldRoot,
    policy,
  });
  return Response.json({
    accepted: result.accepted,
    errors: result.errors.map(({ code, message }) => ({ code, message })),
    warnings: result.warnings.map(({ code, message }) => ({ code, message })),
    certificates: result.certificates,
    chain: result.chain,
  });
}
