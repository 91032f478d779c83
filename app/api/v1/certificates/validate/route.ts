import { currentUser } from "@/lib/auth/session";
import { validateUploadRequest } from "@/lib/certificates/api-validate";

/**
 * POST multipart/form-data with fields `leaf`, `root`, `oldLeaf`, `oldRoot` (files or text): runs the same
 * validation as the upload and returns its JSON. Signed-in users only; nothing is stored.
 */
export async function POST(request: Request) {
  const user = await currentUser();
  if (!user)
    return Response.json(
      { error: { code: "NOT_SIGNED_IN", message: "Sign in to use this endpoint." } },
      { status: 401 },
    );
  return validateUploadRequest(request);
}
