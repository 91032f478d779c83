/**
 * Expected failures carry a stable code and a message written for the person who caused them.
 * Anything else is unexpected: it is logged with a reference and the user sees only the reference.
 */
export type ErrorCode =
  | "VALIDATION_FAILED"
  | "NOT_SIGNED_IN"
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "CONFLICT"
  | "CASE_CLOSED"
  | "STEP_NOT_READY"
  | "STEP_IS_HANDOVER"
  | "NOT_YOUR_ROLE"
  | "MAIL_NOT_CONFIGURED"
  | "LINK_UNKNOWN"
  | "LINK_EXPIRED"
  | "LINK_USED"
  | "LINK_SUPERSEDED"
  | "RATE_LIMITED"
  | "INPUT_REQUIRED"
  | "TENANT_UNREACHABLE"
  | "TENANT_KEY_MISSING"
  | "KEYSTORE_MISMATCH";

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = () => new AppError("NOT_FOUND", "This case does not exist or you have no access to it.");
