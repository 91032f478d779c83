import "server-only";
import { AppError } from "@/lib/errors";
import { currentUser, type SignedInUser } from "@/lib/auth/session";

/**
 * A file download behind sign-in: 401 without a session, 404 for whatever the person may not see
 * (so the existence of a case is not revealed), the file otherwise.
 */
export async function downloadResponse(
  produce: (user: SignedInUser) => Promise<{ filename: string; contentType: string; body: Uint8Array | string }>,
): Promise<Response> {
  const user = await currentUser();
  if (!user)
    return new Response("Sign in to download this file.\n", {
      status: 401,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  try {
    const file = await produce(user);
    const body = typeof file.body === "string" ? file.body : Buffer.from(file.body);
    return new Response(body, {
      headers: {
        "content-type": file.contentType,
        "content-disposition": `attachment; filename="${file.filename}"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (error) {
    if (error instanceof AppError && (error.code === "NOT_FOUND" || error.code === "VALIDATION_FAILED")) {
      return new Response(`${error.message}\n`, {
        status: error.code === "NOT_FOUND" ? 404 : 400,
        headers: { "content-type": "text/plain; charset=utf-8" },
      });
    }
    throw error;
  }
}
