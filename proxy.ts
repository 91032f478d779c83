import { NextResponse, type NextRequest } from "next/server";
import { bodyLimitFor, tooLargeResponse } from "@/lib/http/body-limits";

/**
 * Security headers on every response. Scripts run only with this request's nonce (Next.js reads it from the
 * request's Content-Security-Policy header and puts it on its own scripts); no eval, no framing, forms post only here.
 */
export function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    // Inline style attributes (SVG sizing) are harmless next to a strict script policy.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  const forwarded = new Headers(request.headers);
  forwarded.set("x-nonce", nonce);
  forwarded.set("Content-Security-Policy", policy);
  // A body declared larger than its route accepts is refused here with a plain message (the route handlers and
  // Next.js's server-action limit also count the bytes actually sent, for bodies without a Content-Length).
  const limit = bodyLimitFor(request.nextUrl.pathname);
  const response =
    Number(request.headers.get("content-length") ?? 0) > limit
      ? tooLargeResponse(limit)
      : NextResponse.next({ request: { headers: forwarded } });
  response.headers.set("Content-Security-Policy", policy);
  response.headers.set("X-Content-Type-Options", "nosniff");
  response.headers.set("X-Frame-Options", "DENY");
  // Action-link pages carry their token in the path: it must never leave through Referer.
  response.headers.set(
    "Referrer-Policy",
    request.nextUrl.pathname.startsWith("/a/") ? "no-referrer" : "strict-origin-when-cross-origin",
  );
  if (request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https") {
    response.headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  }
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
