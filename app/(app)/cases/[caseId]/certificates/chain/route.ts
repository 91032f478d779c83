import { caseAccess } from "@/lib/auth/queries/access";
import { chainDownload } from "@/lib/certificates/store/downloads";
import { downloadResponse } from "@/lib/http/download-response";
import { AppError } from "@/lib/errors";

export async function GET(request: Request, { params }: { params: Promise<{ caseId: string }> }) {
  const { caseId } = await params;
  const format = new URL(request.url).searchParams.get("format") ?? "pem";
  return downloadResponse(async (user) => {
    await caseAccess(user.id, caseId);
    if (format !== "pem" && format !== "p7b")
      throw new AppError("VALIDATION_FAILED", "Choose format=pem or format=p7b.");
    return chainDownload(user.id, caseId, format);
  });
}
