import { caseAccess } from "@/lib/auth/queries/access";
import { certificateDownload } from "@/lib/certificates/store/downloads";
import { downloadResponse } from "@/lib/http/download-response";
import { AppError } from "@/lib/errors";

export async function GET(
  request: Request,
  { params }: { params: Promise<{ caseId: string; certificateId: string }> },
) {
  const { caseId, certificateId } = await params;
  const format = new URL(request.url).searchParams.get("format") ?? "pem";
  return downloadResponse(async (user) => {
    await caseAccess(user.id, caseId);
    if (format !== "pem" && format !== "der")
      throw new AppError("VALIDATION_FAILED", "Choose format=pem or format=der.");
    return certificateDownload(user.id, caseId, certificateId, format);
  });
}
