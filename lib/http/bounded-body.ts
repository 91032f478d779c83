import "server-only";
import { tooLargeResponse } from "./body-limits";

/**
 * Reads a request body up to `limit` bytes. A declared Content-Length over the limit is refused without reading;
 * a body that turns out longer (chunked, or a lying header) is cancelled as soon as it passes the limit, so no more
 * than the limit is ever held. Returns a copy of the request with the body read, or the 413 refusal.
 */
export async function boundedRequest(request: Request, limit: number): Promise<Request | Response> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > limit) return tooLargeResponse(limit);
  if (!request.body) return request;
  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limit) {
      await reader.cancel();
      return tooLargeResponse(limit);
    }
    chunks.push(value);
  }
  return new Request(request, { body: Buffer.concat(chunks) });
}
