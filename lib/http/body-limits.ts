/**
 * How many bytes a request body may have, by where it goes. Sized from the largest legitimate request of each kind
 * (certificate parts are at most 64 KiB and an upload side carries at most 10 certificates: UPLOAD_LIMITS in
 * lib/certificates/intake.ts); tests/unit/http/body-limits.test.ts keeps these, the upload limits and next.config.js
 * in agreement. No imports: proxy.ts uses this on every request.
 */
const KIB = 1024;
const CERTIFICATE_PART_BYTES = 64 * KIB;
const CERTIFICATES_PER_SIDE = 10;
/** Every other field of a form (a comment of 2,000 characters, ids) and the multipart framing of all parts. */
const FORM_FIELDS_BYTES = 64 * KIB;

export const BODY_LIMITS = {
  /** Server actions: the largest form is step 1, a new client certificate side and a new root side. */
  serverAction: 2 * CERTIFICATES_PER_SIDE * CERTIFICATE_PART_BYTES + FORM_FIELDS_BYTES,
  /** POST /api/v1/certificates/validate: four sides (leaf, root, old leaf, old root). */
  certificateValidation: 4 * CERTIFICATES_PER_SIDE * CERTIFICATE_PART_BYTES + FORM_FIELDS_BYTES,
  /** Auth.js endpoints (an address, a CSRF token, a return path) and the mail refusal (one field). */
  auth: 16 * KIB,
} as const;

export const CERTIFICATE_VALIDATION_PATH = "/api/v1/certificates/validate";

/** The limit for a request to this path. */
export function bodyLimitFor(pathname: string): number {
  if (pathname === CERTIFICATE_VALIDATION_PATH) return BODY_LIMITS.certificateValidation;
  if (pathname.startsWith("/api/auth/") || pathname.startsWith("/api/mail/")) return BODY_LIMITS.auth;
  return BODY_LIMITS.serverAction;
}

/** Exactly this text starts every refusal, so the error page can show it (Next.js passes a text/plain 4xx body on). */
export const TOO_LARGE_PREFIX = "Request too large:";

export function tooLargeMessage(limit: number): string {
  return `${TOO_LARGE_PREFIX} at most ${Math.floor(limit / KIB)} KiB are accepted here, and a certificate file may be at most ${CERTIFICATE_PART_BYTES / KIB} KiB. Nothing was stored.`;
}

/** 413 with the plain message; content type exactly text/plain, which the Next.js client hands on as the error. */
export function tooLargeResponse(limit: number): Response {
  return new Response(tooLargeMessage(limit), { status: 413, headers: { "content-type": "text/plain" } });
}
