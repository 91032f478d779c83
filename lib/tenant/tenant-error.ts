/**
 * Failures talking to the SAP Cloud Integration tenant. The codes are stable (the app and
 * the CLI branch on them); the messages are written for a workspace owner and never carry
 * the client secret or an access token.
 */
export type TenantErrorCode = "TOKEN_REFUSED" | "FORBIDDEN" | "NOT_FOUND" | "UNREACHABLE" | "TIMEOUT" | "BAD_RESPONSE";

export class TenantError extends Error {
  constructor(
    readonly code: TenantErrorCode,
    message: string,
    /** HTTP status of the answer that caused it, when there was one. */
    readonly status?: number,
  ) {
    super(message);
    this.name = "TenantError";
  }
}
